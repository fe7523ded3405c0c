// Parsers of buildx's metadata file and of registry manifests, on output captured from the bed.
import { fixture } from '../../fixture.js';
import { describe, expect, test } from 'vitest';
import { isIndex, platformDigests, type ManifestJson } from '../../../src/registry/manifests.js';
import { imageId, parseMetadata } from '../../../src/image-build/metadata.js';
import { pushedNames } from '../../../src/image-build/pushed-names.js';

const manifest = (name: string): ManifestJson => JSON.parse(fixture(`manifests/${name}`)) as ManifestJson;

describe('per-platform digests from a served index', () => {
  test('two platforms, attestation manifests left out', () => {
    expect(platformDigests(manifest('index-two-platforms.json'))).toEqual({
      'linux/amd64': 'sha256:d63cec1b8c12a5ab1d9109f0619480676c78e0180a3c4a2629a572b44d6de6b9',
      'linux/arm64': 'sha256:bb3180430f110a375e94712a7dfa4c571c77728afe8351d4d4361c54045f1fbf',
    });
  });

  test('variants are part of the key', () => {
    expect(Object.keys(platformDigests(manifest('index-variants.json')))).toEqual(
      ['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
  });

  test('one platform with provenance is still an index', () => {
    const m = manifest('index-one-platform-provenance.json');
    expect(isIndex(m.mediaType, m)).toBe(true);
    expect(Object.keys(platformDigests(m))).toEqual(['linux/arm64']);
  });

  test('a docker v2 manifest is not an index', () => {
    const m = manifest('manifest-docker-v2.json');
    expect(isIndex(m.mediaType, m)).toBe(false);
  });
});

describe('buildx metadata', () => {
  test.each([
    ['two-platforms-push.json', 'sha256:21f58b764665d4fd0b865ccc32d56534c4516dd9c311439e97c6b32adb93c9f9',
      'sha256:21f58b764665d4fd0b865ccc32d56534c4516dd9c311439e97c6b32adb93c9f9'],
    ['one-platform-provenance.json', 'sha256:09bf458bd98cbbe5e42367ba58423f465f94991be3493ba64f3e158dacd6a8d5',
      'sha256:09bf458bd98cbbe5e42367ba58423f465f94991be3493ba64f3e158dacd6a8d5'],
    ['one-platform-no-provenance.json', 'sha256:d79b8674912276e8620d3d8d08495917075e24df24aa882e05a8974a7772e3f0',
      'sha256:6a83826f6896dd55af5c5619a981f9e8623bf9309fd4da02c9c9aff4a1dc3853'],
  ])('%s', (file, digest, id) => {
    const meta = parseMetadata(fixture(`metadata/${file}`));
    expect(meta?.digest).toBe(digest);
    expect(imageId(meta ?? { raw: '' })).toBe(id);
  });

  test('names pushed by tags and by outputs', () => {
    expect(pushedNames(['r/a:1'], ['type=image,"name=r/b:1,r/c:1",push=true', 'type=registry,name=r/a:1']))
      .toEqual(['r/a:1', 'r/b:1', 'r/c:1']);
  });
});
