// What the registry serves after a push, read back for every pushed name.
import { splitLinesAndCommas } from '../inputs/lists.js';
import { isIndex, platformDigests, type ManifestJson } from './manifests.js';
import { formatPlatform, type Platform } from '../inputs/platform.js';
import { parseReference, type ImageReference } from './reference.js';
import type { RegistryClient } from './client.js';

export interface PushedImage {
  /** The top-level digest the registry serves for every name (the index for several platforms). */
  digest: string;
  digests: Record<string, string>;
  /** Compressed size per platform (config and layers, as the manifests state them). */
  sizes: Record<string, number>;
}

const sizeOf = (m: ManifestJson): number =>
  (m.config?.size ?? 0) + (m.layers ?? []).reduce((sum, l) => sum + (l.size ?? 0), 0);

export async function readPushed(names: readonly string[], client: RegistryClient): Promise<PushedImage> {
  const refs = names.map((name): ImageReference => {
    const ref = parseReference(name);
    if (typeof ref === 'string') throw new Error(`cannot read ${name} back from its registry: it ${ref}`);
    return ref;
  });
  const manifests = await Promise.all(refs.map((r) => client.manifest(r)));
  const first = manifests[0];
  const firstRef = refs[0];
  if (!first || !firstRef) throw new Error('no pushed name to read back from the registry');
  const differ = manifests.findIndex((m) => m.digest !== first.digest);
  if (differ > 0) {
    throw new Error(`the registry serves ${first.digest} for ${names[0]} but ${manifests[differ]?.digest} for ${names[differ]}`);
  }
  if (isIndex(first.mediaType, first.json)) {
    const digests = platformDigests(first.json);
    const manifests = await Promise.all(Object.values(digests).map((digest) =>
      client.manifest({ registry: firstRef.registry, repository: firstRef.repository, digest })));
    const platforms = Object.keys(digests);
    const sizes = Object.fromEntries(platforms.map((p, i) => [p, sizeOf(manifests[i]?.json ?? {})]));
    return { digest: first.digest, digests, sizes };
  }
  const configDigest = first.json.config?.digest;
  if (!configDigest) throw new Error(`${names[0]}: the registry serves a manifest without a config`);
  const config = await client.blobJson<Platform>(firstRef, configDigest);
  const platform = formatPlatform(config);
  const sizes = { [platform]: sizeOf(first.json) };
  return { digest: first.digest, digests: { [platform]: first.digest }, sizes };
}

/** Names the build pushes: the tags, and `name=` of image/registry outputs (CSV, as buildx reads them). */
export function pushedNames(tags: readonly string[], outputs: readonly string[]): string[] {
  const names = [...tags];
  for (const output of outputs) {
    for (const field of splitLinesAndCommas(output)) {
      if (field.startsWith('name=')) names.push(...splitLinesAndCommas(field.slice(5)));
    }
  }
  return [...new Set(names)];
}
