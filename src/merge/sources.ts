// How legs and the merge step of one run find each other: a leg records its digests, the merge
// takes `sources` or restores what the legs recorded (through the Actions cache, loaded lazily).
import { info } from '@actions/core';
import type { Inputs } from '../inputs/inputs.js';
import { cacheServiceAvailable } from '../runtime/cache-service.js';

/** The image the legs and the merge agree on: the first repository. */
const imageOf = (inputs: Inputs): string => inputs.release.repositories[0] ?? '';

/** A leg's digests, for the merge step of the same run. */
export async function recordLeg(inputs: Inputs, source: string, platforms: string[]): Promise<void> {
  if (!cacheServiceAvailable()) {
    info('push-by-digest: no Actions cache service here, so the digests are not recorded for a merge step');
    return;
  }
  const { recordLeg: record } = await import('../runtime/lazy-cache.js');
  await record(imageOf(inputs), source, platforms);
}

/** `sources`, or what the legs of this run recorded. */
export async function mergeSources(inputs: Inputs): Promise<string[]> {
  if (inputs.release.sources.length > 0) return inputs.release.sources;
  if (!cacheServiceAvailable()) {
    throw new Error('mode merge: `sources` is empty and there is no Actions cache service to find the legs ' +
      'of this run in: give `sources` (repo@sha256:… or per-arch tags)');
  }
  const { restoreLegs } = await import('../runtime/lazy-cache.js');
  return restoreLegs(imageOf(inputs), inputs.platforms);
}
