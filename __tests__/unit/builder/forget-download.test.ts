// A node's ingests as `find ... -exec grep -H '' {} +` lists them in the bed's BuildKit 0.13 node
// (the store prefixes its namespace and a number to the ref), and the one a corrupted download left.
import { expect, test } from 'vitest';
import { ingestsOf, listIngestsArgv } from '../../../src/builder/forget-download.js';

const ROOT = '/var/lib/buildkit/runc-overlayfs/content/ingest';
const LISTING = [
  `${ROOT}/2ae783dc465ad436cb80e5e932bb2b9f2de96eef8bfcd49c3a9e12ef243a6655/ref:buildkit/1/layer-sha256:1b020162ad93360d6fcd6bf8d7b1278175dd1bba3f3f4d108b7b3bfc11d5298e`,
  `${ROOT}/f3b2361a133151506b8c4d1718c5e4053cfba31b1f7a48b24f97a6456aa2df0d/ref:buildkit/1/layer-sha256:ae326e8f24c39319c10ea4b9b581c6bf64dd75e0ea4b5820f724cbc3d41aa6d9`,
].join('\n');

test('only the ingest of that ref', () => {
  expect(ingestsOf(LISTING, 'layer-sha256:ae326e8f24c39319c10ea4b9b581c6bf64dd75e0ea4b5820f724cbc3d41aa6d9'))
    .toStrictEqual([`${ROOT}/f3b2361a133151506b8c4d1718c5e4053cfba31b1f7a48b24f97a6456aa2df0d`]);
  expect(ingestsOf(LISTING, 'layer-sha256:ae326e8f')).toStrictEqual([]);
  expect(ingestsOf(LISTING, 'config-sha256:1b020162ad93360d6fcd6bf8d7b1278175dd1bba3f3f4d108b7b3bfc11d5298e'))
    .toStrictEqual([]);
  expect(ingestsOf('', 'layer-sha256:x')).toStrictEqual([]);
});

test('the listing runs in the node\'s container, on its engine', () => {
  expect(listIngestsArgv('unix:///var/run/docker2.sock', 'b0')).toStrictEqual(['--host', 'unix:///var/run/docker2.sock',
    'exec', 'buildx_buildkit_b0', 'find', '/var/lib/buildkit', '-path', '*/content/ingest/*/ref', '-exec', 'grep', '-H',
    '', '{}', '+']);
  expect(listIngestsArgv('default', 'b0').slice(0, 2)).toStrictEqual(['exec', 'buildx_buildkit_b0']);
});
