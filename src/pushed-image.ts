// What the registry serves after a push, read back for every pushed name.
import { isIndex, platformDigests } from './digests.js';
import { formatPlatform, type Platform } from './platform.js';
import { parseReference, type ImageReference } from './reference.js';
import type { RegistryClient } from './registry-client.js';

export interface PushedImage {
  /** The top-level digest the registry serves for every name (the index for several platforms). */
  digest: string;
  digests: Record<string, string>;
}

export async function readPushed(names: readonly string[], client: RegistryClient): Promise<PushedImage> {
  const refs = names.map((n) => parseReference(n) as ImageReference);
  const manifests = await Promise.all(refs.map((r) => client.manifest(r)));
  const first = manifests[0];
  const firstRef = refs[0];
  if (!first || !firstRef) throw new Error('no pushed name to read back from the registry');
  const differ = manifests.findIndex((m) => m.digest !== first.digest);
  if (differ > 0) {
    throw new Error(`the registry serves ${first.digest} for ${names[0]} but ${manifests[differ]?.digest} for ${names[differ]}`);
  }
  if (isIndex(first.mediaType, first.json)) {
    return { digest: first.digest, digests: platformDigests(first.json) };
  }
  const configDigest = first.json.config?.digest;
  if (!configDigest) throw new Error(`${names[0]}: the registry serves a manifest without a config`);
  const config = await client.blobJson<Platform>(firstRef, configDigest);
  return { digest: first.digest, digests: { [formatPlatform(config)]: first.digest } };
}

/** Names the build pushes: the tags, and `name=` of image/registry outputs. */
export function pushedNames(tags: readonly string[], outputs: readonly string[]): string[] {
  const names = [...tags];
  for (const o of outputs) {
    const m = /(?:^|,)name=("([^"]*)"|[^,]*)/.exec(o);
    const value = m?.[2] ?? m?.[1];
    if (value) names.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return [...new Set(names)];
}
