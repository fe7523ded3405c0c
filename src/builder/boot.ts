// Boots a builder and gates on every node's own status: buildx before 0.22 exits 0 when only some
// nodes fail (docker/buildx#2913 fixed that in 0.22) and no buildx names the failed node in its
// error, so the exit code alone is never trusted, and each node's reason is read from its status
// or from buildx's progress output.
import { info, warning } from '@actions/core';
import { isTransient } from '../buildx/failures.js';
import { runBuildx, type Buildx } from '../buildx/command.js';
import { finalError } from '../buildx/final-error.js';
import { withRetries } from '../runtime/retry.js';
import { bootProgressErrors, inspect, parseInspect, type BuilderInspect, type NodeStatus } from '../buildx/inspect.js';
import { silentNodes } from './silent-nodes.js';

export interface BootOptions {
  timeoutSeconds: number;
  retries: number;
  /** First delay between attempts; doubles each time. */
  retryDelayMs?: number;
  /** The nodes as created, to name the silent ones when buildx cannot. */
  nodes?: readonly { name: string; endpoint?: string }[];
}

/** After a boot that timed out, how long `buildx inspect` may take to say what it knows. */
const AFTER_TIMEOUT_MS = 3000;

/** A node that did not boot; one whose status could not be read while another was silent is not. */
const failedNode = (n: NodeStatus): boolean => n.status !== 'running' && n.status !== 'not read';

export class BootError extends Error {
  /** `nodes`: every node as the last attempt read it, for the diagnostics. */
  constructor(readonly nodes: NodeStatus[], readonly lastError: string, readonly attempts: number) {
    super(bootFailureMessage(nodes.filter(failedNode), lastError, attempts));
    this.name = 'BootError';
  }
}

/** Each failed node with its endpoint, status and reason; buildx's last error when it adds one. */
export function bootFailureMessage(failed: NodeStatus[], lastError: string, attempts: number): string {
  const nodes = failed.map((n) => `${n.name} (${n.endpoint || 'local'}): ${n.status}${n.error ? `, ${n.error}` : ''}`);
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const known = failed.some((n) => n.error && lastError.includes(n.error));
  const said = lastError && !known ? ` - buildx said: ${lastError}` : '';
  return `builder node${failed.length > 1 ? 's' : ''} failed to boot after ${tries}: ${nodes.join('; ')}${said}`;
}

class BootAttemptFailed extends Error {
  constructor(readonly nodes: NodeStatus[], readonly lastError: string, readonly mayPass: boolean) {
    super(lastError);
  }

  get failed(): NodeStatus[] {
    return this.nodes.filter(failedNode);
  }
}

/**
 * What is known after a boot that timed out: which tcp:// nodes were silent (asked while buildx
 * booted; buildx waits 20 s for each of those and names none), else buildx's own view if it
 * answers within a few seconds.
 */
async function afterTimeout(
  buildx: Buildx,
  name: string,
  nodes: readonly { name: string; endpoint?: string }[],
  silent: readonly string[],
): Promise<BuilderInspect> {
  const quiet = 'accepts connections but answers nothing (a firewall that drops, or a host half down)';
  const seen = silent.length > 0 ? undefined
    : await inspect(buildx, name, AFTER_TIMEOUT_MS).catch(() => undefined);
  if (seen && seen.nodes.length > 0) return seen;
  return {
    name, nodes: nodes.map((n) => ({
      name: n.name, endpoint: n.endpoint ?? '', platforms: [], declaredPlatforms: [],
      ...(silent.length === 0 ? { status: 'unknown', error: 'no answer' }
        : silent.includes(n.name) ? { status: 'silent', error: quiet } : { status: 'not read' }),
    })),
  };
}

export async function bootBuilder(buildx: Buildx, name: string, opts: BootOptions): Promise<BuilderInspect> {
  let attempts = 0;
  try {
    const schedule = { attempts: opts.retries + 1, firstDelayMs: opts.retryDelayMs ?? 2000 };
    return await withRetries(schedule, async (n) => {
      attempts = n;
      return bootOnce(buildx, name, opts);
    }, (error): error is BootAttemptFailed => error instanceof BootAttemptFailed && error.mayPass,
    (n, waitMs, e) => {
      info(`boot attempt ${n} of ${opts.retries + 1} failed (${e.failed.map((f) => f.name).join(', ')}: ` +
        `${e.lastError}); trying again in ${waitMs / 1000}s`);
    });
  } catch (error) {
    if (!(error instanceof BootAttemptFailed)) throw error;
    throw new BootError(error.nodes, error.lastError, attempts);
  }
}

async function bootOnce(buildx: Buildx, name: string, opts: BootOptions): Promise<BuilderInspect> {
  const timeoutSeconds = opts.timeoutSeconds;
  const probe = silentNodes(opts.nodes ?? [], Math.min(2000, timeoutSeconds * 1000));
  const res = await runBuildx(buildx, ['inspect', '--bootstrap', name], { timeoutMs: timeoutSeconds * 1000 });
  // A successful bootstrap prints the nodes; otherwise read them separately.
  let state = res.exitCode === 0 ? parseInspect(res.stdout) : undefined;
  if (!state || state.nodes.length === 0) {
    state = res.timedOut ? await afterTimeout(buildx, name, opts.nodes ?? [], await probe)
      : await inspect(buildx, name);
  }
  const failed = state.nodes.filter(failedNode);
  if (failed.length === 0) {
    if (res.exitCode !== 0) warning(`buildx exited ${res.exitCode} booting ${name}, but every node is running`);
    return state;
  }
  const progress = bootProgressErrors(res.stderrTail);
  for (const n of failed) n.error ??= progress.get(n.name) ?? (failed.length === 1 ? progress.get('') : undefined);
  const lastError = res.timedOut ? `no answer within boot-timeout (${timeoutSeconds}s)`
    : res.exitCode !== 0 ? finalError(res.stderrTail) : '';
  const reasons = [lastError, ...failed.map((n) => n.error ?? '')].join('\n');
  throw new BootAttemptFailed(state.nodes, lastError, res.timedOut || isTransient(reasons));
}
