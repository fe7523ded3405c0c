// What the builder and buildx can do, read from the versions they print.
import { expect, test } from 'vitest';
import { nodesAtLeast } from '../../../src/image-build/build-target.js';
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
  expect(nodesAtLeast(['v0.13.2', 'v0.29.0'])).toBe(true);
  expect(nodesAtLeast(['v0.11.0'])).toBe(true);
  expect(nodesAtLeast(['v0.13.2', 'v0.10.6'])).toBe(false);
  expect(nodesAtLeast(['v1.0.0'])).toBe(true);
  expect(nodesAtLeast([undefined])).toBe(false);
  expect(nodesAtLeast([])).toBe(false);
  // the Actions cache service v2 needs 0.20: the bed's docker-container node (0.13.2) does not speak it
  expect(nodesAtLeast(['v0.25.2', 'v0.20.0'], 20)).toBe(true);
  expect(nodesAtLeast(['v0.25.2', 'v0.13.2'], 20)).toBe(false);
});
