import { expect, test } from 'vitest';
import { formatPlatform, parsePlatform } from '../../../src/inputs/platform.js';

test.each([
  ['linux/amd64', 'linux/amd64'],
  ['linux/arm/v7', 'linux/arm/v7'],
  ['linux/arm64/v8', 'linux/arm64'],
  ['linux/amd64/v3', 'linux/amd64/v3'],
  ['windows/amd64', 'windows/amd64'],
])('parses %s as %s', (text, want) => {
  const p = parsePlatform(text);
  expect(typeof p).toBe('object');
  expect(formatPlatform(p as never)).toBe(want);
});

test.each([
  ['linux', 'os/arch'],
  ['linux/amd65', 'unknown architecture "amd65"'],
  ['linox/amd64', 'unknown os "linox"'],
  ['linux/arm/v9', 'unknown variant "v9"'],
  ['linux/amd64/v3/x', 'os/arch'],
  ['linux//', 'os/arch'],
])('rejects %s', (text, why) => {
  expect(parsePlatform(text)).toContain(why);
});
