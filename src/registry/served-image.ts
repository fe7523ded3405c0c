// What a registry serves for a reference: the top-level digest and each platform's manifest
// digest. One reader for the pushed-image read-back and the merge's sources.
import { isIndex, platformDigests, type ManifestJson } from './manifests.js';
import { formatPlatform, type Platform } from '../shared/platform.js';
import type { ImageReference } from '../shared/reference.js';
import type { FetchedManifest, RegistryClient } from './client.js';

export interface ServedImage extends FetchedManifest {
  /** Platform -> image manifest digest (the top-level digest for a single manifest). */
  platforms: Record<string, string>;
  /** Every manifest an index holds, attestation manifests too; none for a single manifest. */
  manifests: string[];
}

export async function readServed(
  client: RegistryClient,
  ref: ImageReference,
  name: string,
): Promise<ServedImage> {
  const m = await client.manifest(ref);
  if (isIndex(m.mediaType, m.json)) {
    const manifests = (m.json.manifests ?? []).map((d) => d.digest);
    return { ...m, platforms: platformDigests(m.json), manifests };
  }
  const configDigest = m.json.config?.digest;
  // Without a config there is no platform to read (and no blob to ask for).
  if (!configDigest) throw new Error(`${name}: the registry serves a manifest without a config`);
  const config = await client.blobJson<Platform>(ref, configDigest);
  return { ...m, platforms: { [formatPlatform(config)]: m.digest }, manifests: [] };
}

/** Compressed size of an image manifest: config and layers, as the manifest states them. */
export function compressedSize(m: ManifestJson): number {
  return (m.config?.size ?? 0) + (m.layers ?? []).reduce((sum, l) => sum + (l.size ?? 0), 0);
}
