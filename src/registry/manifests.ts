// Per-platform digests from what the registry serves.
import { formatPlatform, type Platform } from '../shared/platform.js';

export const INDEX_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

export interface ManifestJson {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

export function isIndex(mediaType: string | undefined, json: ManifestJson): boolean {
  return (mediaType !== undefined && INDEX_TYPES.includes(mediaType)) || Array.isArray(json.manifests);
}

/** BuildKit's attestation manifests ride in the index as `unknown/unknown` entries. */
export function isAttestation(d: Descriptor): boolean {
  return d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown');
}

/** `{ "linux/amd64": "sha256:…" }` for the image manifests of an index, attestations left out. */
export function platformDigests(index: ManifestJson): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of index.manifests ?? []) {
    if (isAttestation(d) || !d.platform) continue;
    out[formatPlatform(d.platform)] = d.digest;
  }
  return out;
}
