// The build cache stage: which cache a build gets (cache-plan.ts), said once before the build, and
// after it what the cache did (cache-watch.ts): read, written, or failed, each failure a warning
// that names the cache and BuildKit's reason, never a failed build.
import { info, warning } from '@actions/core';
import { cacheService } from '../runtime/cache-service.js';
import type { Inputs } from '../shared/inputs-types.js';
import type { CacheOutcome } from '../shared/left-behind.js';
import { parseReference, repositoryOf } from '../shared/reference.js';
import { planCache, type CachePlan } from './cache-plan.js';
import type { CacheSeen } from './cache-watch.js';

/** The image's repository: the first tag's, or the first a by-digest push goes to. */
function repositoryFor(inputs: Inputs): string | undefined {
  const named = inputs.tags[0];
  if (named) return repositoryOf(parseReference(named));
  return inputs.release.repositories[0];
}

export interface CacheContext {
  /** Every node's BuildKit speaks the Actions cache service v2 (0.20 and later). */
  buildkitGhaV2: boolean;
  pushes: boolean;
  /** Whose cache, in the log line (a bake target). */
  of?: string;
}

/** The plan, logged in one line. */
export function chooseCache(inputs: Inputs, ctx: CacheContext,
  env: NodeJS.ProcessEnv = process.env): CachePlan {
  const service = cacheService(env);
  const repository = repositoryFor(inputs);
  const plan = planCache(inputs.cache, inputs.platforms, {
    buildkitGhaV2: ctx.buildkitGhaV2, pushes: ctx.pushes, fromFork: !!inputs.github.fromFork,
    explicit: inputs.cacheFrom.length > 0 || inputs.cacheTo.length > 0,
    ...(service ? { service } : {}), ...(repository ? { repository } : {}),
  });
  info(`cache${ctx.of ? ` of ${ctx.of}` : ''}: ${plan.kind === 'none' ? 'none' : plan.kind}` +
    `${plan.name ? ` ${plan.name}` : ''} (${plan.why})`);
  return plan;
}

/** The inputs with the plan's cache flags added. */
export function withCache(inputs: Inputs, plan: CachePlan): Inputs {
  if (plan.from.length === 0 && plan.to.length === 0) return inputs;
  return { ...inputs, cacheFrom: [...inputs.cacheFrom, ...plan.from],
    cacheTo: [...inputs.cacheTo, ...plan.to] };
}

/** A registry cache that no build has written yet: a cold start, not a failure. */
const notYetWritten = (error: string | undefined): boolean => /: not found$/.test(error ?? '');

/** What the cache did, each failure warned about once. */
export function reportCache(plan: CachePlan, seen: CacheSeen): CacheOutcome {
  const name = plan.name ?? plan.kind;
  for (const i of seen.imports.filter((s) => s.error)) {
    if (notYetWritten(i.error)) info(`cache: ${name} does not exist yet: a cold build, which writes it`);
    else warning(`cache: reading ${name} failed (${i.error ?? ''}); the build ran without it, and its result stands`);
  }
  for (const e of seen.exports.filter((s) => s.error)) {
    warning(`cache: writing ${name} failed (${e.error ?? ''}); the image was built and published as usual`);
  }
  const failed = seen.imports.find((s) => s.error && !notYetWritten(s.error));
  const read = seen.imports.length === 0 ? 'not read'
    : seen.imports.every((s) => notYetWritten(s.error)) ? 'nothing to read yet (a cold build)'
      : failed && seen.imports.every((s) => s.error) ? `not read: ${failed.error ?? ''}`
        : `${seen.cached} of ${seen.steps} steps from the cache`;
  const wrote = seen.exports.length === 0 ? 'not written'
    : seen.exports.some((s) => s.error) ? `not written: ${seen.exports.find((s) => s.error)?.error ?? ''}` : 'written';
  const outcome: CacheOutcome = { kind: plan.kind, why: plan.why, read, wrote };
  if (plan.name) outcome.name = plan.name;
  info(`cache: ${read}; ${wrote}`);
  return outcome;
}
