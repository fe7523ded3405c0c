// `buildx create` argv for the builder the action creates, one command per node.
import { randomBytes } from 'node:crypto';
import type { BuilderInputs, NodeSpec } from '../shared/inputs-types.js';
import { slug } from '../runtime/slug.js';
import { runOf } from '../shared/github-run.js';

const HOST_ENTITLEMENT = '--allow-insecure-entitlement network.host';

/**
 * The builder to build on: the one named by `builder`; else a name no other job can have: runner,
 * run, attempt and job (matrix legs share run and job), and a random part (parallel jobs on one
 * self-hosted runner).
 */
export function builderName(
  given: string | undefined,
  env: NodeJS.ProcessEnv,
  random = randomBytes(4).toString('hex'),
): string {
  if (given) return given;
  const part = (v: string | undefined, max: number): string => slug(v ?? '').slice(0, max);
  const run = runOf(env);
  const parts = [part(env.RUNNER_NAME, 20), part(run.id, 20), part(run.id && run.attempt, 4),
    part(env.GITHUB_JOB, 20), part(random, 12)];
  return ['multiarch', ...parts.filter(Boolean)].join('-');
}

/** The nodes to create: the `nodes` input, or one local node. */
export function nodesOf(name: string, setup: BuilderInputs): NodeSpec[] {
  return setup.nodes ?? [{ name: `${name}0`, platforms: [], driverOpts: [] }];
}

/**
 * `localImage`: the local-only name of the BuildKit image in this runner's engine (node-image.ts),
 * for the nodes that run there (those without an endpoint).
 */
export function createCommands(
  name: string,
  setup: BuilderInputs,
  configFile?: string,
  localImage?: string,
): string[][] {
  const local = setup.driver !== 'remote'; // buildx configures only daemons it starts itself
  return nodesOf(name, setup).map((node, i) => {
    const argv = ['create', '--name', name];
    if (i === 0) argv.push('--driver', setup.driver);
    else argv.push('--append');
    argv.push('--node', node.name);
    if (node.platforms.length > 0) argv.push('--platform', node.platforms.join(','));
    for (const opt of driverOpts(setup, node, node.endpoint ? undefined : localImage)) argv.push('--driver-opt', opt);
    const flags = buildkitdFlags(setup, node);
    if (local && flags) argv.push('--buildkitd-flags', flags);
    if (local && configFile) argv.push('--buildkitd-config', configFile);
    if (node.endpoint) argv.push(node.endpoint);
    return argv;
  });
}

function driverOpts(setup: BuilderInputs, node: NodeSpec, localImage?: string): string[] {
  const opts = [...setup.driverOpts, ...node.driverOpts];
  if (setup.driver !== 'remote' && !opts.some((o) => o.startsWith('image='))) {
    opts.push(`image=${localImage ?? setup.buildkitImage}`);
  }
  if (setup.hostNetwork && setup.driver === 'docker-container' && !opts.some((o) => o.startsWith('network='))) {
    opts.push('network=host');
  }
  return opts;
}

function buildkitdFlags(setup: BuilderInputs, node: NodeSpec): string | undefined {
  const flags = node.buildkitdFlags ?? setup.buildkitdFlags;
  if (!setup.hostNetwork || setup.driver === 'remote') return flags;
  if (flags?.includes('network.host')) return flags;
  return flags ? `${flags} ${HOST_ENTITLEMENT}` : HOST_ENTITLEMENT;
}
