/**
 * The Git context of the workflow's commit, as docker/build-push-action builds it; undefined
 * outside a workflow run.
 */
export function githubContext(env: NodeJS.ProcessEnv): string | undefined {
  const repo = env.GITHUB_REPOSITORY;
  if (!repo) return undefined;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  let ref = env.GITHUB_REF ?? '';
  const sha = env.GITHUB_SHA ?? '';
  if (sha && ref && !ref.startsWith('refs/')) ref = `refs/heads/${ref}`;
  if (sha && !ref.startsWith('refs/pull/')) ref = sha;
  return `${server}/${repo}.git#${ref}`;
}

/** The host of a Git context served by this GitHub, for the GIT_AUTH_TOKEN secret. */
export function gitAuthHost(context: string, env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return context.startsWith(server) ? new URL(server).host : undefined;
}
