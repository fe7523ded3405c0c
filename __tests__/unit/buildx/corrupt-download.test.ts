// Corrupted downloads as BuildKit words them (captured on the bed through a proxy that flips a
// byte of a layer or a config; BuildKit 0.13 on a docker-container node and the engine's own), and
// a digest mismatch in what a build pushed (moby/buildkit#3856, a user's log), which is no download.
import { expect, test } from 'vitest';
import { fixture } from '../../fixture.js';
import { classify } from '../../../src/buildx/failures.js';
import {
  corruptDownloadIn, describeCorruptDownload, DownloadWatch, ingestRef,
} from '../../../src/buildx/corrupt-download.js';

const error = (file: string): string => fixture(`errors/${file}`).trim();
const LAYER = 'sha256:922af9411a1b14b171fe9d58c5e0352a13ecc81add33337ec22a96d0172f84e8';

test.each([
  ['corrupt-layer-download-v0.13.txt'],
  ['corrupt-layer-download-engine.txt'],
  ['corrupt-config-metadata.txt'],
])('captured %s: a corrupted download, transient', (file) => {
  expect(classify(error(file))).toMatchObject({ id: 'corrupt-download', transient: true,
    reason: 'a download arrived corrupted' });
});

test('a mismatch in what the build pushed is not a download: not retried', () => {
  const text = 'ERROR: failed to solve: failed to push registry.test/name:tag: failed commit on ref ' +
    '"layer-sha256:5fc8839f3cb47293c8e4505ab59e4da0e2133c77b2036cd90b21742d1ebd6b99": unexpected commit digest ' +
    'sha256:e58168ce66f4e17b1c89ff4584004deb04ad5b4e91a7f6cbacef8739b4a6de9a, expected ' +
    'sha256:5fc8839f3cb47293c8e4505ab59e4da0e2133c77b2036cd90b21742d1ebd6b99: failed precondition';
  expect(classify(text)).toMatchObject({ transient: false,
    reason: 'a digest mismatch in what the build produced, not a download' });
  // A failed commit that is no mismatch says nothing about corruption (docker/buildx#910).
  expect(classify('ERROR: failed commit on ref "index-sha256:49ec4d77efe346bd066fd78f047a78a306db2b1cbde3b84b4d6bc99e244674cb": unexpected status: 404 Not Found').id)
    .not.toBe('corrupt-download');
});

test('what arrived corrupted, of which image, and its ingest ref', () => {
  expect(corruptDownloadIn(error('corrupt-layer-download-v0.13.txt'))).toStrictEqual({ what: 'layer', expected: LAYER,
    got: 'sha256:1d28164f28a4550db2ef270dbb8f611933dc45751a9c12f33cb8909fe3c145f8' });
  expect(ingestRef(error('corrupt-layer-download-v0.13.txt'))).toBe(`layer-${LAYER}`);
  expect(corruptDownloadIn(error('corrupt-config-metadata.txt'))).toMatchObject({ what: 'config',
    image: '127.0.0.1:36591/e2e-mxdo4bzrmmyn/base:1' });
  expect(corruptDownloadIn('ERROR: digest mismatch sha256:' + 'a'.repeat(64) + ': sha256:' + 'b'.repeat(64)))
    .toStrictEqual({ what: 'file', got: `sha256:${'a'.repeat(64)}`, expected: `sha256:${'b'.repeat(64)}` });
  expect(ingestRef('ERROR: digest mismatch sha256:' + 'a'.repeat(64) + ': sha256:' + 'b'.repeat(64))).toBeUndefined();
  expect(corruptDownloadIn(error('push-500.txt'))).toBeUndefined();
});

test('the attempt line names the base image the progress showed, or the candidates', async () => {
  const d = corruptDownloadIn(error('corrupt-layer-download-v0.13.txt'));
  if (!d) throw new Error('no corrupt download read');
  expect(describeCorruptDownload(d, ['127.0.0.1:5000/app/base:1'])).toBe(`a download arrived corrupted: layer ${LAYER} ` +
    'of 127.0.0.1:5000/app/base:1 (its bytes hashed to sha256:1d28164f28a4550db2ef270dbb8f611933dc45751a9c12f33cb8909fe3c145f8)');
  expect(describeCorruptDownload(d, ['a:1', 'b:2'])).toContain(`layer ${LAYER} of one of a:1, b:2 (`);
  expect(describeCorruptDownload(d, [])).toContain(`layer ${LAYER} (its bytes`);

  const watch = new DownloadWatch();
  for (const line of [
    '#2 [internal] load metadata for 127.0.0.1:34797/e2e-mxdo4wkf2vlc/base:1',
    '#4 [1/2] FROM 127.0.0.1:34797/e2e-mxdo4wkf2vlc/base:1@sha256:751e08e55cf480106095edddca8f68e7d0f9b1ededfe57c2d088b11346efd093',
    '#5 [2/2] RUN ["/bin/busybox", "sh", "-c", "echo hi > /x"]',
  ]) watch.line(line);
  const explained = await watch.explain({ stopped: false, errorText: error('corrupt-layer-download-v0.13.txt') });
  expect(explained?.line).toContain(`layer ${LAYER} of 127.0.0.1:34797/e2e-mxdo4wkf2vlc/base:1 (`);
  expect(explained?.verdict.transient).toBe(true);
  expect(await watch.explain({ stopped: false, errorText: error('push-500.txt') })).toBeUndefined();
});
