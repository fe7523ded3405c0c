import { expect, test } from 'vitest';
import { normalizePlatform, parsePlatform, platformProblem } from '../../../src/inputs/platform.js';

// BuildKit pushes what containerd's normalization gives: arm64/v8 and amd64/v1 are the plain
// architecture, so that is what the merge and the coverage checks must compare.
test.each([
  ['linux/amd64', 'linux/amd64'],
  ['linux/amd64/v1', 'linux/amd64'],
  ['linux/amd64/v3', 'linux/amd64/v3'],
  ['linux/arm64/v8', 'linux/arm64'],
  ['linux/arm64/v9', 'linux/arm64/v9'],
  ['linux/arm/v7', 'linux/arm/v7'],
  ['linux/arm/v8', 'linux/arm/v8'],
  ['linux/riscv64', 'linux/riscv64'],
  ['windows/amd64', 'windows/amd64'],
])('normalizes %s to %s', (text, want) => {
  expect(platformProblem(text)).toBeUndefined();
  expect(normalizePlatform(text)).toBe(want);
});

test('the parsed parts', () => {
  expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
  expect(parsePlatform('linux/amd64/v1')).toEqual({ os: 'linux', architecture: 'amd64' });
});

test.each([
  ['linux', 'os/arch'],
  ['linux/amd65', 'unknown architecture "amd65"'],
  ['linox/amd64', 'unknown os "linox"'],
  ['linux/arm/v9', 'unknown variant "v9"'],
  ['linux/amd64/v8', 'unknown variant "v8"'],
  ['linux/arm64/v1', 'unknown variant "v1"'],
  ['linux/amd64/v3/x', 'os/arch'],
  ['linux//', 'os/arch'],
])('rejects %s', (text, why) => {
  expect(platformProblem(text)).toContain(why);
  expect(() => parsePlatform(text)).toThrow(why);
});
