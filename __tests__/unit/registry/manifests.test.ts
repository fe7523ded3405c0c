import { expect, test } from 'vitest';
import {
  INDEX_TYPES, MANIFEST_TYPES, isAttestation, isIndex, platformDigests, type Descriptor,
} from '../../../src/registry/manifests.js';

// The four media types registries serve for images (OCI and Docker v2, index and manifest): the
// Accept header asks for all of them, and only the two index types are read as an index.
test('the media types asked for', () => {
  expect(INDEX_TYPES).toStrictEqual([
    'application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
  expect(MANIFEST_TYPES).toStrictEqual([
    'application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);
});

test.each<[string | undefined, boolean, boolean]>([
  ['application/vnd.oci.image.index.v1+json', false, true],
  ['application/vnd.docker.distribution.manifest.list.v2+json', false, true],
  ['application/vnd.oci.image.manifest.v1+json', false, false],
  ['application/vnd.docker.distribution.manifest.v2+json', false, false],
  // Some registries answer without a Content-Type worth reading: the body decides.
  [undefined, true, true],
  [undefined, false, false],
  ['application/json', true, true],
])('media type %s, manifests listed: %s -> index %s', (mediaType, listed, want) => {
  expect(isIndex(mediaType, listed ? { manifests: [] } : { config: { digest: 'sha256:c' } })).toBe(want);
});

const d = (extra: Partial<Descriptor>): Descriptor => ({ digest: 'sha256:x', ...extra });
test.each<[string, Descriptor, boolean]>([
  ['annotated attestation', d({ annotations: { 'vnd.docker.reference.type': 'attestation-manifest' }, platform: { os: 'unknown', architecture: 'unknown' } }), true],
  ['annotation only', d({ annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }), true],
  ['unknown/unknown only', d({ platform: { os: 'unknown', architecture: 'unknown' } }), true],
  ['another annotation', d({ annotations: { 'vnd.docker.reference.type': 'other' }, platform: { os: 'linux', architecture: 'arm64' } }), false],
  ['unknown os, known arch', d({ platform: { os: 'unknown', architecture: 'arm64' } }), false],
  ['known os, unknown arch', d({ platform: { os: 'linux', architecture: 'unknown' } }), false],
  ['no platform', d({}), false],
  ['an image', d({ platform: { os: 'linux', architecture: 'amd64' } }), false],
])('%s: attestation %s', (_what, descriptor, want) => {
  expect(isAttestation(descriptor)).toBe(want);
});

test('per-platform digests leave out attestations and platform-less entries, keep variants', () => {
  expect(platformDigests({
    manifests: [
      d({ digest: 'sha256:a', platform: { os: 'linux', architecture: 'amd64' } }),
      d({ digest: 'sha256:v7', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }),
      d({ digest: 'sha256:att', platform: { os: 'unknown', architecture: 'unknown' } }),
      d({ digest: 'sha256:none' }),
    ],
  })).toStrictEqual({ 'linux/amd64': 'sha256:a', 'linux/arm/v7': 'sha256:v7' });
  expect(platformDigests({})).toStrictEqual({});
});
