// The workflow run as docker's actions see it: the run's URL (the provenance builder id), the
// repository's visibility (from the event payload), and the default Git context of the commit.
import { readFileSync } from 'node:fs';
import { envSwitch } from './booleans.js';
import { hostOf } from './registry-host.js';

/** The template docker's action expands to the default Git context. */
export const DEFAULT_CONTEXT = '{{defaultContext}}';

export interface GithubRun {
  /** `SERVER/OWNER/REPO/actions/runs/ID/attempts/N`; undefined outside a workflow run. */
  runUrl?: string;
  /** From the event payload; false when unknown, as docker's actions take it. */
  privateRepo: boolean;
  /** The default Git context's parts; undefined outside a workflow run. */
  git?: { repoUrl: string; ref: string; sha: string };
  /** A pull request from a fork: its code must not write what the repository's own builds read. */
  fromFork?: true;
}

interface EventPayload {
  repository?: { private?: boolean };
  pull_request?: { head?: { sha?: string; repo?: { full_name?: string } } };
}

function readPayload(env: NodeJS.ProcessEnv): EventPayload {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as EventPayload;
  } catch {
    return {};
  }
}

/** The workflow run's id and attempt (attempt 1 when the runner does not say). */
export function runOf(env: NodeJS.ProcessEnv): { id: string; attempt: string } {
  return { id: env.GITHUB_RUN_ID ?? '', attempt: env.GITHUB_RUN_ATTEMPT || '1' };
}

export function githubRun(env: NodeJS.ProcessEnv): GithubRun {
  const repo = env.GITHUB_REPOSITORY;
  const payload = readPayload(env);
  const head = payload.pull_request?.head?.repo?.full_name;
  const run: GithubRun = { privateRepo: payload.repository?.private ?? false };
  if (head && head !== repo) run.fromFork = true;
  if (!repo) return run;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const { id, attempt } = runOf(env);
  if (id) run.runUrl = `${server}/${repo}/actions/runs/${id}/attempts/${attempt}`;
  let ref = env.GITHUB_REF ?? '';
  let sha = env.GITHUB_SHA ?? '';
  if (sha && ref && !ref.startsWith('refs/')) ref = `refs/heads/${ref}`;
  // DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: build a pull request's head commit, not its merge.
  const headSha = payload.pull_request?.head?.sha;
  if (ref.startsWith('refs/pull/') && envSwitch(env.DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF)) {
    if (headSha) sha = headSha;
    else ref = ref.replace(/\/merge$/, '/head');
  }
  run.git = { repoUrl: `${server}/${repo}.git`, ref, sha };
  return run;
}

/**
 * The default Git context, as docker/build-push-action forms it: the commit pinned (`#SHA`, for a
 * pull request too), or buildx's query form (`?ref=REF&checksum=SHA`) when buildx is asked to
 * send Git queries and can.
 */
export function defaultGitContext(git: NonNullable<GithubRun['git']>, query: boolean): string {
  if (!query) return `${git.repoUrl}#${git.sha || git.ref}`;
  if (git.ref.startsWith('refs/pull/') || !git.sha) return `${git.repoUrl}?ref=${git.sha || git.ref}`;
  return `${git.repoUrl}?ref=${git.ref}&checksum=${git.sha}`;
}

/** The host of a Git context served by this GitHub, for the GIT_AUTH_TOKEN secret. */
export function gitAuthHost(context: string, env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return context.startsWith(server) ? hostOf(server) : undefined;
}
