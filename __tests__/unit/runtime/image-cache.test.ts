import { expect, test } from 'vitest';
import { isPinned, loadedRef } from '../../../src/runtime/image-cache.js';

const PIN = 'sha256:a53e082980f6ab0babcd83bd7f61162ebe7ab2525faf3caec30de23fa7a9c72d';
const CONFIG = 'sha256:fba99a2cde708541b46d701ee9ee984b3b16e49893e465e5d194f5b8abda90c3';

// `docker load` of a tar saved under NAME:TAG@sha256:…, Docker 28.5.2 on the bed: the classic
// store and containerd's both report only an id.
test('an image saved under a digest reference loads back as an id, in either image store', () => {
  expect(loadedRef(`Loaded image ID: ${CONFIG}\n`)).toBe(CONFIG); // classic: the config digest
  expect(loadedRef(`Loaded image ID: ${PIN}\n`)).toBe(PIN); // containerd: the manifest's
  expect(loadedRef('Loaded image: 127.0.0.1:5000/bed/buildkit:v0.13.2-9e7b469a\n'))
    .toBe('127.0.0.1:5000/bed/buildkit:v0.13.2-9e7b469a');
  expect(loadedRef('open /x.tar: no such file or directory\n')).toBeUndefined();
});

test('the pin is checked by id (containerd) or by the digest the pull recorded (classic)', () => {
  const classic = { id: CONFIG, repoDigests: [`127.0.0.1:5000/bed/buildkit@${PIN}`] };
  expect(isPinned(classic, PIN)).toBe(true);
  expect(isPinned({ id: PIN, repoDigests: [] }, PIN)).toBe(true);
  expect(isPinned({ id: CONFIG, repoDigests: [] }, PIN)).toBe(false); // loaded, never pulled by the pin
  expect(isPinned({ id: CONFIG, repoDigests: [`x@sha256:${'1'.repeat(64)}`] }, PIN)).toBe(false);
  expect(isPinned({ id: CONFIG, repoDigests: [] }, undefined)).toBe(true);
});
