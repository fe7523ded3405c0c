// What the builder and buildx can do, for the argv: whether docker's default provenance applies
// (BuildKit >= 0.11), whether the Actions cache service v2 can be the build cache (BuildKit >=
// 0.20) and whether buildx takes the default Git context in its query form. Each is read only
// when it changes the argv, and without a process where the stage already knows it.
import { inspect, type BuilderReady } from '../buildx/inspect.js';
import type { Inputs } from '../shared/inputs-types.js';
import { envSwitch } from '../shared/booleans.js';
import { DEFAULT_CONTEXT } from '../shared/github-run.js';
import type { EngineInfo } from '../host/engine-api.js';
import type { Buildx } from '../buildx/command.js';
import { atLeast, buildxAtLeast, buildxVersion, majorMinor } from '../buildx/version.js';
import { defaultProvenanceWanted } from './attestations.js';
import { cacheService } from '../runtime/cache-service.js';
import type { BuildTarget } from './build-argv.js';

/** Every running node's BuildKit is `minor` of 0.x or later (0.11 attaches attestations). */
export function nodesAtLeast(versions: readonly (string | undefined)[], minor = 11): boolean {
  return versions.length > 0 && versions.every((v) => atLeast(majorMinor(v), 0, minor));
}

/** The engine's own BuildKit, by engine release: 0.11 from Docker Engine 23, 0.20 from 28. */
const ENGINE_FOR_BUILDKIT: Record<number, number> = { 11: 23, 20: 28 };

/**
 * Whether every running node's BuildKit is 0.`minor` or later: the engine's own builder by the
 * engine's release, a builder the action created by what its boot read, any other by one
 * `buildx inspect`, asked at most once however many questions follow.
 */
function buildkitAtLeast(buildx: Buildx, builder: BuilderReady, engine?: EngineInfo):
  (minor: 11 | 20) => Promise<boolean> {
  const running = (b: BuilderReady['nodes']): (string | undefined)[] =>
    b.filter((n) => n.status === 'running').map((n) => n.buildkitVersion);
  let versions: Promise<(string | undefined)[]> | undefined;
  return async (minor) => {
    if (!builder.created && builder.name === 'default' && engine) {
      return atLeast(majorMinor(engine.version), ENGINE_FOR_BUILDKIT[minor] ?? Infinity, 0);
    }
    versions ??= builder.created ? Promise.resolve(running(builder.nodes))
      : inspect(buildx, builder.name).then((i) => running(i.nodes));
    return nodesAtLeast(await versions, minor);
  };
}

/** The action chooses the build cache (`cache` not off, no `cache-from`/`cache-to`) and may pick gha v2. */
const ghaV2Possible = (inputs: Inputs, env: NodeJS.ProcessEnv): boolean => inputs.cache.mode !== 'off' &&
  inputs.cacheFrom.length === 0 && inputs.cacheTo.length === 0 && cacheService(env) === 'v2';

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
  const buildkit = buildkitAtLeast(buildx, builder, engine);
  if (defaultProvenanceWanted(inputs, env)) target.buildkitAttests = await buildkit(11);
  if (ghaV2Possible(inputs, env)) target.buildkitGhaV2 = await buildkit(20);
  target.gitQuery = await gitQuery(buildx, inputs, env);
  return target;
}
