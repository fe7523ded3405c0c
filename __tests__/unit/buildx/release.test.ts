import { expect, test } from 'vitest';
import { ACTION_INPUTS } from '../../../src/inputs/action-inputs.js';
import { releaseUrls } from '../../../src/buildx/release.js';
import { cosignReleaseUrls } from '../../../src/cosign/release.js';
import { expectedSha256 } from '../../../src/runtime/release-install.js';

test('release URLs from the template, checksums.txt beside the binary', () => {
  expect(releaseUrls(ACTION_INPUTS['buildx-url'] ?? '', 'v0.29.1', 'x64')).toEqual({
    binaryUrl: 'https://github.com/docker/buildx/releases/download/v0.29.1/buildx-v0.29.1.linux-amd64',
    checksumsUrl: 'https://github.com/docker/buildx/releases/download/v0.29.1/checksums.txt',
  });
  expect(releaseUrls('http://mirror.internal/buildx/{version}/{arch}/buildx', 'v0.23.0', 'arm64')).toEqual({
    binaryUrl: 'http://mirror.internal/buildx/v0.23.0/arm64/buildx',
    checksumsUrl: 'http://mirror.internal/buildx/v0.23.0/arm64/checksums.txt',
  });
});

test('the checksum a sha256sum file lists for a name', () => {
  const sums = `${'a'.repeat(64)}  buildx-v0.29.1.linux-arm64\n${'b'.repeat(64)} *buildx-v0.29.1.linux-amd64\n`;
  expect(expectedSha256(sums, 'buildx-v0.29.1.linux-amd64')).toBe('b'.repeat(64));
  expect(expectedSha256(sums, 'buildx-v0.29.1.darwin-amd64')).toBeUndefined();
});

test('cosign\'s release: its own arch names and cosign_checksums.txt', () => {
  expect(cosignReleaseUrls(ACTION_INPUTS['cosign-url'] ?? '', 'v2.5.0', 'x64')).toEqual({
    binaryUrl: 'https://github.com/sigstore/cosign/releases/download/v2.5.0/cosign-linux-amd64',
    checksumsUrl: 'https://github.com/sigstore/cosign/releases/download/v2.5.0/cosign_checksums.txt',
  });
  expect(cosignReleaseUrls('http://m/{version}/cosign-{os}-{arch}', 'v3.1.1', 'arm').binaryUrl)
    .toBe('http://m/v3.1.1/cosign-linux-arm');
});
