// How legs and the merge step of one run find each other: a leg records its digests, the merge
// takes `sources` or restores what the legs recorded (through the Actions cache, loaded lazily).
import { info } from '@actions/core';
import type { Inputs } from '../shared/inputs-types.js';
import type { CheckAnnotation } from '../shared/left-behind.js';
import { cacheServiceAvailable } from '../runtime/cache-service.js';

/** The image the legs and the merge agree on: the first repository. */
const imageOf = (inputs: Inputs): string => inputs.release.repositories[0] ?? '';

/** Whether this step is a leg whose merge step will find what it records (its digests, its checks). */
export const recordsForMerge = (inputs: Inputs): boolean =>
  inputs.release.pushByDigest && cacheServiceAvailable();

/** A leg's digests and its checks' annotations, for the merge step of the same run. */
export async function recordLegForMerge(inputs: Inputs, source: string, platforms: string[],
  checks: readonly CheckAnnotation[]): Promise<void> {
  if (!recordsForMerge(inputs)) {
    info('push-by-digest: no Actions cache service here, so the digests are not recorded for a merge step');
    return;
  }
  const { saveLegRecords } = await import('./leg-records.js');
  await saveLegRecords(imageOf(inputs), source, platforms, checks);
}

/** `sources`, or what the legs of this run recorded; with the legs' checks, when they recorded them. */
export async function mergeSources(inputs: Inputs):
  Promise<{ sources: string[]; checks: CheckAnnotation[] }> {
  if (inputs.release.sources.length > 0) return { sources: inputs.release.sources, checks: [] };
  if (!cacheServiceAvailable()) {
    throw new Error('mode merge: `sources` is empty and there is no Actions cache service to find the legs ' +
      'of this run in: give `sources` (repo@sha256:… or per-arch tags)');
  }
  const { restoreLegRecords } = await import('./leg-records.js');
  return restoreLegRecords(imageOf(inputs), inputs.platforms);
}
