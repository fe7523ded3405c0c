// What the registry serves after a push, read back for every pushed name.
import { parseReference } from '../shared/reference.js';
import type { RegistryClient } from './client.js';
import { compressedSize, readServed } from './served-image.js';

export interface PushedImage {
  /** The top-level digest the registry serves for every name (the index for several platforms). */
  digest: string;
  digests: Record<string, string>;
  /** Compressed size per platform (config and layers, as the manifests state them). */
  sizes: Record<string, number>;
}

export async function readPushed(names: readonly string[], client: RegistryClient): Promise<PushedImage> {
  const [firstName, ...others] = names;
  if (firstName === undefined) throw new Error('no pushed name to read back from the registry');
  const firstRef = parseReference(firstName);
  const [first, ...rest] = await Promise.all([
    readServed(client, firstRef, firstName),
    ...others.map((n) => client.manifest(parseReference(n))),
  ]);
  const differ = rest.findIndex((m) => m.digest !== first.digest);
  if (differ >= 0) {
    throw new Error(`the registry serves ${first.digest} for ${firstName} but ${rest[differ]?.digest} for ` +
      `${others[differ]}`);
  }
  const platforms = Object.keys(first.platforms);
  const manifests = first.platforms[platforms[0] ?? ''] === first.digest ? [first]
    : await Promise.all(Object.values(first.platforms)
      .map((digest) => client.manifest({ ...firstRef, digest })));
  const sizes = Object.fromEntries(platforms.map((p, i) => [p, compressedSize(manifests[i]?.json ?? {})]));
  return { digest: first.digest, digests: first.platforms, sizes };
}
