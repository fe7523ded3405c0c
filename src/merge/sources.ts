// How legs and the merge step of one run find each other: a leg records its digests, the merge
// takes `sources` or restores what the legs recorded (through the Actions cache, loaded lazily).
import { info } from '@actions/core';
import type { Inputs } from '../shared/inputs-types.js';
import { cacheServiceAvailable } from '../runtime/cache-service.js';

/** The image the legs and the merge agree on: the first repository. */
const imageOf = (inputs: Inputs): string => inputs.release.repositories[0] ?? '';

/** A leg's digests, for the merge step of the same run. */
export async function recordLegForMerge(inputs: Inputs, source: string, platforms: string[]): Promise<void> {
  if (!cacheServiceAvailable()) {
    info('push-by-digest: no Actions cache service here, so the digests are not recorded for a merge step');
    return;
  }
  const { saveLegRecords } = await import('./leg-records.js');
  await saveLegRecords(imageOf(inputs), source, platforms);
}

/** `sources`, or what the legs of this run recorded. */
export async function mergeSources(inputs: Inputs): Promise<string[]> {
  if (inputs.release.sources.length > 0) return inputs.release.sources;
  if (!cacheServiceAvailable()) {
    throw new Error('mode merge: `sources` is empty and there is no Actions cache service to find the legs ' +
      'of this run in: give `sources` (repo@sha256:… or per-arch tags)');
  }
  const { restoreLegRecords } = await import('./leg-records.js');
  return restoreLegRecords(imageOf(inputs), inputs.platforms);
}
