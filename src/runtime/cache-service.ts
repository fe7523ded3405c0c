// The Actions cache as this action uses it: whether there is one, and the images kept in it.
// The cache client (2.4 MB with its Azure dependencies) is imported only where a run uses it.
import { warning } from '@actions/core';
import { envSwitch } from '../shared/booleans.js';
import { errorMessage } from '../shared/errors.js';
import { runOf } from '../shared/github-run.js';

/**
 * Which protocol the runner's Actions cache service speaks to this job, as the runner announces it
 * (and as @actions/cache and BuildKit's gha cache choose): v2 (Twirp under ACTIONS_RESULTS_URL,
 * with ACTIONS_CACHE_SERVICE_V2), v1 (REST under ACTIONS_CACHE_URL), or none.
 */
export function cacheService(env: NodeJS.ProcessEnv = process.env): 'v1' | 'v2' | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN) return undefined;
  if (env.ACTIONS_RESULTS_URL && envSwitch(env.ACTIONS_CACHE_SERVICE_V2)) return 'v2';
  return env.ACTIONS_CACHE_URL ? 'v1' : undefined;
}

/** Whether this job can reach the Actions cache service (on a runner, inside a workflow run). */
export function cacheServiceAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return cacheService(env) !== undefined && !!runOf(env).id;
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
