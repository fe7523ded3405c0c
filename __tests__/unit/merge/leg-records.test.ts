// Cache keys of leg records: scoped to the run, the image and the platform; the attempt is last,
// so the merge's prefix finds any attempt's record (and the cache returns the newest).
import { expect, test } from 'vitest';
import { keyPrefix } from '../../../src/merge/leg-records.js';

test('keys: run, image and platform, safe for the cache', () => {
  const env = { GITHUB_RUN_ID: '4242' };
  expect(keyPrefix(env, 'ghcr.io/Org/App', 'linux/arm/v7'))
    .toBe('multiarch-build-digests-4242-ghcr-io-org-app-linux-arm-v7-');
  expect(keyPrefix(env, 'ghcr.io/org/app', 'linux/arm64')).not.toBe(keyPrefix(env, 'ghcr.io/org/app', 'linux/amd64'));
  expect(keyPrefix({ GITHUB_RUN_ID: '4243' }, 'a/b', 'linux/arm64')).not.toBe(keyPrefix(env, 'a/b', 'linux/arm64'));
  // One image's prefix is never the prefix of another's key.
  expect(keyPrefix(env, 'r/app', 'linux/arm64').startsWith(keyPrefix(env, 'r/ap', 'linux/arm64'))).toBe(false);
});
