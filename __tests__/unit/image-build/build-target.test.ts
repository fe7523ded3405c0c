// What the builder and buildx can do, read from the versions they print.
import { expect, test } from 'vitest';
import { nodesAttest } from '../../../src/image-build/build-target.js';
import { majorMinor } from '../../../src/buildx/version.js';

test.each([
  ['v0.13.2', [0, 13]],
  ['0.29.1+ds1', [0, 29]],
  ['28.5.2+dfsg4', [28, 5]],
  ['', undefined],
  [undefined, undefined],
])('version %j', (text, want) => {
  expect(majorMinor(text)).toEqual(want);
});

test('attestations need BuildKit 0.11 on every running node', () => {
  expect(nodesAttest(['v0.13.2', 'v0.29.0'])).toBe(true);
  expect(nodesAttest(['v0.11.0'])).toBe(true);
  expect(nodesAttest(['v0.13.2', 'v0.10.6'])).toBe(false);
  expect(nodesAttest(['v1.0.0'])).toBe(true);
  expect(nodesAttest([undefined])).toBe(false);
  expect(nodesAttest([])).toBe(false);
});
