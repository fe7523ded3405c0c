// The Actions cache as this action uses it: whether there is one, and the images kept in it.
// The cache client (2.4 MB with its Azure dependencies) is imported only where a run uses it.
import { warning } from '@actions/core';
import { errorMessage } from '../shared/errors.js';
import { runOf } from '../shared/github-run.js';

/** Whether this job can reach the Actions cache service (on a runner, inside a workflow run). */
export function cacheServiceAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  const url = env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL;
  return !!env.ACTIONS_RUNTIME_TOKEN && !!url && !!runOf(env).id;
}

/**
 * Makes an image the action itself needs present in the engine from the Actions cache (the cache
 * client loads lazily, only here): the engine's id of it (run or tag that, not the reference: an
 * image restored under a digest reference has no name), or undefined when there is no cache or
 * the image could not be had.
 */
export async function cachedImage(image: string): Promise<string | undefined> {
  if (!cacheServiceAvailable()) return undefined;
  try {
    const { ensureLocalImage } = await import('./image-cache.js');
    return (await ensureLocalImage(image)).id;
  } catch (error) {
    warning(`${image} is neither in the Actions cache nor pullable: ${errorMessage(error)}`);
    return undefined;
  }
}
