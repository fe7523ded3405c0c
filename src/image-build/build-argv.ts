// `buildx build` argv from the inputs, in docker/build-push-action's order and forms. The
// differences are deliberate and listed in the README ("Switching from build-push-action"):
// secrets by environment instead of temporary files, the metadata file instead of an iidfile, `--`
// before the context, and the host network a builder the action created has.
import { attestArgs } from './attestations.js';
import type { BuildxCommand } from '../buildx/run-retried.js';
import { csvJoin, outputPushes } from '../shared/csv-attributes.js';
import type { Inputs } from '../shared/inputs-types.js';
import { DEFAULT_CONTEXT, defaultGitContext, gitAuthHost } from '../shared/github-run.js';

export const SECRET_ENV_PREFIX = 'MULTIARCH_BUILD_SECRET_';

/** Where the build runs, and what that builder and buildx can do. */
export interface BuildTarget {
  name?: string;
  /** The action granted the builder the host network. */
  hostNetwork: boolean;
  /** The builder's BuildKit attaches attestations (>= 0.11): docker's default provenance applies. */
  buildkitAttests?: boolean;
  /** buildx takes the default Git context in its query form (BUILDX_SEND_GIT_QUERY_AS_INPUT). */
  gitQuery?: boolean;
  /** Every node's BuildKit speaks the Actions cache service v2 (>= 0.20); read when a cache is chosen. */
  buildkitGhaV2?: boolean;
  /** Environment buildx itself needs, e.g. SSL_CERT_FILE for `registry-ca`. */
  env?: Record<string, string>;
}

/** `{{defaultContext}}` in the context and build contexts, as docker's action expands it. */
export function expandDefaultContext(text: string, inputs: Inputs, gitQuery = false): string {
  const git = inputs.github.git;
  if (!git || !text.includes(DEFAULT_CONTEXT)) return text;
  return text.replaceAll(DEFAULT_CONTEXT, defaultGitContext(git, gitQuery));
}

export function buildCommand(
  inputs: Inputs,
  metadataFile: string,
  env: NodeJS.ProcessEnv = process.env,
  target: BuildTarget = { name: inputs.builder, hostNetwork: false },
): BuildxCommand {
  const argv = ['build'];
  const context = expandDefaultContext(inputs.context, inputs, target.gitQuery);
  // Host network: RUN steps use the host's network (e.g. a package proxy or registry on the runner)
  // unless `network` says otherwise.
  const network = inputs.network ?? (target.hostNetwork ? 'host' : undefined);
  const allow = [...inputs.allow];
  if (target.hostNetwork && network === 'host' && !allow.includes('network.host')) allow.push('network.host');
  // The Dockerfile checks' warnings in the metadata file, with their file and line (checks/).
  const buildxEnv: Record<string, string> = { ...target.env, BUILDX_METADATA_WARNINGS: 'true' };
  let secretCount = 0;
  const add = (flag: string, values: readonly string[]): void => {
    for (const v of values) argv.push(flag, v);
  };
  const addOne = (flag: string, value: string | undefined): void => {
    if (value !== undefined) argv.push(flag, value);
  };

  add('--add-host', inputs.addHosts);
  add('--allow', allow);
  add('--annotation', inputs.annotations);
  add('--build-arg', inputs.buildArgs);
  add('--build-context', inputs.buildContexts.map((c) => expandDefaultContext(c, inputs, target.gitQuery)));
  add('--cache-from', inputs.cacheFrom);
  add('--cache-to', inputs.cacheTo);
  addOne('--call', inputs.call);
  addOne('--cgroup-parent', inputs.cgroupParent);
  add('--secret', inputs.secretEnvs.map((s) => `id=${s.id},env=${s.env}`));
  addOne('--file', inputs.file);
  add('--label', inputs.labels);
  add('--no-cache-filter', inputs.noCacheFilters);
  add('--output', inputs.outputs);
  // A matrix leg pushes by digest only: its tags name the repository, the merge step tags.
  if (inputs.release.pushByDigest) {
    argv.push('--output', csvJoin(['type=image', `name=${inputs.release.repositories.join(',')}`,
      'push-by-digest=true', 'name-canonical=true', 'push=true']));
  }
  if (inputs.platforms.length > 0) argv.push('--platform', inputs.platforms.join(','));
  argv.push(...attestArgs(inputs, { buildkitAttests: target.buildkitAttests ?? false, env }));

  const envSecret = (id: string, value: string): void => {
    const name = `${SECRET_ENV_PREFIX}${secretCount++}`;
    buildxEnv[name] = value;
    argv.push('--secret', `id=${id},env=${name}`);
  };
  for (const s of inputs.secrets) envSecret(s.id, s.value);
  add('--secret', inputs.secretFiles.map((s) => `id=${s.id},src=${s.path}`));
  // The token of this GitHub for its own Git context, scoped to its host.
  const gitHost = inputs.contextIsLocal ? undefined : gitAuthHost(context, env);
  if (gitHost && inputs.githubToken && !inputs.secrets.some((s) => s.id.startsWith('GIT_AUTH_TOKEN'))) {
    envSecret(`GIT_AUTH_TOKEN.${gitHost}`, inputs.githubToken);
  }

  addOne('--shm-size', inputs.shmSize);
  add('--ssh', inputs.ssh);
  if (!inputs.release.pushByDigest) add('--tag', inputs.tags);
  addOne('--target', inputs.target);
  add('--ulimit', inputs.ulimit);
  addOne('--builder', target.name);
  if (inputs.load) argv.push('--load');
  argv.push('--metadata-file', metadataFile);
  addOne('--network', network);
  if (inputs.noCache) argv.push('--no-cache');
  if (inputs.pull) argv.push('--pull');
  if (inputs.push && !inputs.release.pushByDigest) argv.push('--push');
  // `--` ends the flags: a context directory named `-x` stays the context, not a flag (buildx 0.13
  // and 0.29 both take it).
  argv.push('--', context);
  return { argv, env: buildxEnv };
}

/** Whether the build sends the image to a registry, by `push` or by an output's attributes. */
export function pushesToRegistry(inputs: Inputs): boolean {
  return inputs.push || inputs.release.pushByDigest || inputs.outputs.some(outputPushes);
}
