import { expect, test } from 'vitest';
import { ACTION_INPUTS } from '../../../src/inputs/action-inputs.js';
import { expectedSha256, releaseUrls } from '../../../src/buildx/release.js';

test('release URLs from the template, checksums.txt beside the binary', () => {
  expect(releaseUrls(ACTION_INPUTS['buildx-url'] ?? '', 'v0.29.1', 'x64')).toEqual({
    binary: 'https://github.com/docker/buildx/releases/download/v0.29.1/buildx-v0.29.1.linux-amd64',
    checksums: 'https://github.com/docker/buildx/releases/download/v0.29.1/checksums.txt',
  });
  expect(releaseUrls('http://mirror.internal/buildx/{version}/{arch}/buildx', 'v0.23.0', 'arm64')).toEqual({
    binary: 'http://mirror.internal/buildx/v0.23.0/arm64/buildx',
    checksums: 'http://mirror.internal/buildx/v0.23.0/arm64/checksums.txt',
  });
});

test('the checksum a sha256sum file lists for a name', () => {
  const sums = `${'a'.repeat(64)}  buildx-v0.29.1.linux-arm64\n${'b'.repeat(64)} *buildx-v0.29.1.linux-amd64\n`;
  expect(expectedSha256(sums, 'buildx-v0.29.1.linux-amd64')).toBe('b'.repeat(64));
  expect(expectedSha256(sums, 'buildx-v0.29.1.darwin-amd64')).toBeUndefined();
});
