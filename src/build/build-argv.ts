// `buildx build` argv from the inputs: pure, so table tests pin it down exactly.
import { outputPushes } from '../inputs/csv-attributes.js';
import type { Inputs } from '../inputs/inputs.js';
import { gitAuthHost } from '../inputs/git-context.js';

export interface BuildCommand {
  /** Arguments after `buildx`; never passes through a shell. */
  argv: string[];
  /** Extra environment for buildx: secret values travel here, never in argv. */
  env: Record<string, string>;
}

export const SECRET_ENV_PREFIX = 'MULTIARCH_BUILD_SECRET_';

/** Where the build runs: the builder, and whether the action granted it the host network. */
export interface BuildTarget {
  name?: string;
  hostNetwork: boolean;
}

export function buildCommand(
  inputs: Inputs,
  metadataFile: string,
  env: NodeJS.ProcessEnv = process.env,
  target: BuildTarget = { name: inputs.builder, hostNetwork: false },
): BuildCommand {
  const argv = ['build'];
  // Host network: RUN steps use the host's network (e.g. a package proxy or registry on the runner)
  // unless `network` says otherwise.
  const network = inputs.network ?? (target.hostNetwork ? 'host' : undefined);
  const allow = [...inputs.allow];
  if (target.hostNetwork && network === 'host' && !allow.includes('network.host')) allow.push('network.host');
  const secretEnv: Record<string, string> = {};
  const add = (flag: string, values: readonly string[]): void => {
    for (const v of values) argv.push(flag, v);
  };
  const addOne = (flag: string, value: string | undefined): void => {
    if (value !== undefined) argv.push(flag, value);
  };

  add('--add-host', inputs.addHosts);
  add('--allow', allow);
  add('--annotation', inputs.annotations);
  add('--attest', inputs.attests);
  add('--build-arg', inputs.buildArgs);
  add('--build-context', inputs.buildContexts);
  add('--cache-from', inputs.cacheFrom);
  add('--cache-to', inputs.cacheTo);
  addOne('--call', inputs.call);
  addOne('--cgroup-parent', inputs.cgroupParent);
  addOne('--file', inputs.file);
  add('--label', inputs.labels);
  add('--no-cache-filter', inputs.noCacheFilters);
  add('--output', inputs.outputs);
  if (inputs.platforms.length > 0) argv.push('--platform', inputs.platforms.join(','));
  addOne('--provenance', inputs.provenance);
  addOne('--sbom', inputs.sbom);

  const secrets = [...inputs.secrets];
  const gitHost = inputs.contextIsLocal ? undefined : gitAuthHost(inputs.context, env);
  if (gitHost && inputs.githubToken && !secrets.some((s) => s.id.startsWith('GIT_AUTH_TOKEN'))) {
    secrets.push({ id: `GIT_AUTH_TOKEN.${gitHost}`, value: inputs.githubToken });
  }
  secrets.forEach((s, i) => {
    const name = `${SECRET_ENV_PREFIX}${i}`;
    secretEnv[name] = s.value;
    argv.push('--secret', `id=${s.id},env=${name}`);
  });
  add('--secret', inputs.secretEnvs.map((s) => `id=${s.id},env=${s.env}`));
  add('--secret', inputs.secretFiles.map((s) => `id=${s.id},src=${s.path}`));

  addOne('--shm-size', inputs.shmSize);
  add('--ssh', inputs.ssh);
  // A matrix leg pushes by digest only: its tags name the repository, the merge step tags.
  if (inputs.release.pushByDigest) {
    argv.push('--output', `type=image,"name=${inputs.release.repositories.join(',')}",push-by-digest=true,` +
      'name-canonical=true,push=true');
  } else add('--tag', inputs.tags);
  addOne('--target', inputs.target);
  add('--ulimit', inputs.ulimit);
  argv.push('--metadata-file', metadataFile);
  addOne('--builder', target.name);
  if (inputs.load) argv.push('--load');
  addOne('--network', network);
  if (inputs.noCache) argv.push('--no-cache');
  if (inputs.pull) argv.push('--pull');
  if (inputs.push && !inputs.release.pushByDigest) argv.push('--push');
  argv.push(inputs.context);
  return { argv, env: secretEnv };
}

/** Whether the build sends the image to a registry, by `push` or by an output's attributes. */
export function pushesToRegistry(inputs: Inputs): boolean {
  return inputs.push || inputs.release.pushByDigest || inputs.outputs.some(outputPushes);
}
