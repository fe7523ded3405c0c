// The build record as a workflow artifact, uploaded to the runner's artifact service with the
// Actions artifact client (loaded only here, as the cache client is). GitHub Enterprise Server has
// no such service for it: there the record stays on the runner.
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Why no artifact can be uploaded from here, or undefined when one can. */
export function noArtifactService(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) return 'no artifact service here (not in a workflow run)';
  const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
  if (host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost')) {
    return `no artifact service for it on GitHub Enterprise Server (${host})`;
  }
  return undefined;
}

/** The artifact's page in the run. */
export function artifactUrl(env: NodeJS.ProcessEnv, id: number): string {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return `${server}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID ?? ''}/artifacts/${id}`;
}

export async function uploadRecord(file: string, retentionDays: number | undefined,
  env: NodeJS.ProcessEnv): Promise<{ id: number; url: string }> {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const name = basename(file);
  const res = await new DefaultArtifactClient().uploadArtifact(name, [file], dirname(file),
    { skipArchive: true, ...(retentionDays ? { retentionDays } : {}) });
  if (!res.id) throw new Error(`the artifact service gave no id for ${name} (${statSync(file).size} bytes sent)`);
  return { id: res.id, url: artifactUrl(env, res.id) };
}
