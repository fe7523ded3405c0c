// What the registry serves after a push, read back for every pushed name: the first name's
// manifest (its platforms) and the others' digests (HEAD) in one wave, after at most one probe and
// one token per repository. Sizes, for the summary only, come after, off the outputs' path.
import { parseReference } from '../shared/reference.js';
import { DOCKER_HUB } from '../shared/registry-host.js';
import type { RegistryClient } from './client.js';
import { compressedSize, readServed } from './served-image.js';

export interface PushedImage {
  /** The top-level digest the registry serves for every name (the index for several platforms). */
  digest: string;
  digests: Record<string, string>;
  /** Every manifest of the index, attestation manifests too (none for a single manifest). */
  manifests: string[];
  /**
   * Compressed size per platform (config and layers, as the manifests state them), read after the
   * digests; empty on Docker Hub, where each manifest GET counts against the pull rate limit.
   */
  sizes: Promise<Record<string, number>>;
}

export async function readPushed(names: readonly string[], client: RegistryClient): Promise<PushedImage> {
  const [firstName, ...others] = names;
  if (firstName === undefined) throw new Error('no pushed name to read back from the registry');
  const firstRef = parseReference(firstName);
  const [first, ...rest] = await Promise.all([
    readServed(client, firstRef, firstName),
    ...others.map((n) => client.manifestDigest(parseReference(n))),
  ]);
  const differ = rest.findIndex((d) => d !== first.digest);
  if (differ >= 0) {
    throw new Error(`the registry serves ${first.digest} for ${firstName} but ${rest[differ]} for ${others[differ]}`);
  }
  const platforms = Object.keys(first.platforms);
  const sizes = firstRef.registry === DOCKER_HUB ? Promise.resolve({})
    : Promise.all(platforms.map((p) => (first.platforms[p] === first.digest ? Promise.resolve(first)
      : client.manifest({ ...firstRef, digest: first.platforms[p] ?? '' }))))
      .then((manifests) => Object.fromEntries(platforms.map((p, i) =>
        [p, compressedSize(manifests[i]?.json ?? {})])))
      .catch(() => ({}));
  return { digest: first.digest, digests: first.platforms, manifests: first.manifests, sizes };
}
