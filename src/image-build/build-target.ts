// What the builder and buildx can do, for the argv: whether docker's default provenance applies
// (BuildKit >= 0.11) and whether buildx takes the default Git context in its query form. Each is
// read only when it changes the argv, and without a process where the stage already knows it.
import { inspect, type BuilderReady } from '../buildx/inspect.js';
import type { Inputs } from '../shared/inputs-types.js';
import { envSwitch } from '../shared/booleans.js';
import { DEFAULT_CONTEXT } from '../shared/github-run.js';
import type { EngineInfo } from '../host/engine-api.js';
import type { Buildx } from '../buildx/command.js';
import { atLeast, buildxAtLeast, buildxVersion, majorMinor } from '../buildx/version.js';
import { defaultProvenanceWanted } from './attestations.js';
import type { BuildTarget } from './build-argv.js';

/** Every running node's BuildKit can attach attestations (0.11 and later). */
export function nodesAttest(versions: readonly (string | undefined)[]): boolean {
  return versions.length > 0 && versions.every((v) => atLeast(majorMinor(v), 0, 11));
}

async function buildkitAttests(buildx: Buildx, builder: BuilderReady, engine?: EngineInfo): Promise<boolean> {
  const running = (b: BuilderReady['nodes']): (string | undefined)[] =>
    b.filter((n) => n.status === 'running').map((n) => n.buildkitVersion);
  if (builder.created) return nodesAttest(running(builder.nodes));
  // The engine's own builder is the engine's BuildKit: 0.11 from Docker Engine 23.
  if (builder.name === 'default' && engine) return atLeast(majorMinor(engine.version), 23, 0);
  return nodesAttest(running((await inspect(buildx, builder.name)).nodes));
}

const usesDefaultContext = (inputs: Inputs): boolean =>
  [inputs.context, ...inputs.buildContexts].some((c) => c.includes(DEFAULT_CONTEXT));

/** buildx reads BUILDX_SEND_GIT_QUERY_AS_INPUT from 0.29 on (0.28 does not). */
async function gitQuery(buildx: Buildx, inputs: Inputs, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!envSwitch(env.BUILDX_SEND_GIT_QUERY_AS_INPUT) || !usesDefaultContext(inputs)) return false;
  const version = await buildxVersion(buildx).catch(() => '');
  return buildxAtLeast(version, 0, 29);
}

export async function buildTarget(
  buildx: Buildx,
  inputs: Inputs,
  builder: BuilderReady,
  engine: EngineInfo | undefined,
  buildxEnv: Record<string, string> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuildTarget> {
  const target: BuildTarget = { name: builder.name, hostNetwork: builder.hostNetwork, env: buildxEnv };
  if (defaultProvenanceWanted(inputs, env)) {
    target.buildkitAttests = await buildkitAttests(buildx, builder, engine);
  }
  target.gitQuery = await gitQuery(buildx, inputs, env);
  return target;
}
