/** Whether this job can reach the Actions cache service (on a runner, inside a workflow run). */
export function cacheServiceAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  const url = env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL;
  return !!env.ACTIONS_RUNTIME_TOKEN && !!url && !!env.GITHUB_RUN_ID;
}
