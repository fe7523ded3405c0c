// Boots a builder and gates on every node's own status: buildx before 0.22 exits 0 when only some
// nodes fail (docker/buildx#2913 fixed that in 0.22) and no buildx names the failed node, so the
// exit code alone is never trusted.
import { info, warning } from '@actions/core';
import { finalError } from '../runtime/errors.js';
import { parseInspect, type BuilderInspect, type NodeStatus } from './inspect.js';
import { runBuildx, type Buildx } from '../runtime/buildx-command.js';
import { isTransient } from '../build/failures.js';

export interface BootOptions {
  timeoutSeconds: number;
  retries: number;
  /** First delay between attempts; doubles each time. */
  retryDelayMs?: number;
}

export class BootError extends Error {
  constructor(readonly failed: NodeStatus[], readonly lastError: string, readonly attempts: number) {
    super(bootFailureMessage(failed, lastError, attempts));
    this.name = 'BootError';
  }
}

export function bootFailureMessage(failed: NodeStatus[], lastError: string, attempts: number): string {
  const nodes = failed.map((n) => `${n.name} (${n.endpoint || 'local'}): ${n.status}${n.error ? `, ${n.error}` : ''}`);
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return `builder node${failed.length > 1 ? 's' : ''} failed to boot after ${tries}: ${nodes.join('; ')}` +
    ` - buildx said: ${lastError}`;
}

export async function bootBuilder(buildx: Buildx, name: string, opts: BootOptions): Promise<BuilderInspect> {
  const delay = opts.retryDelayMs ?? 2000;
  for (let attempt = 1; ; attempt++) {
    const res = await runBuildx(buildx, ['inspect', '--bootstrap', name], { timeoutMs: opts.timeoutSeconds * 1000 });
    // A successful bootstrap prints the nodes; otherwise read them separately.
    let state = res.exitCode === 0 ? parseInspect(res.stdout) : undefined;
    if (!state || state.nodes.length === 0) state = await inspect(buildx, name);
    const failed = state.nodes.filter((n) => n.status !== 'running');
    if (failed.length === 0) {
      if (res.exitCode !== 0) warning(`buildx exited ${res.exitCode} booting ${name}, but every node is running`);
      return state;
    }
    const lastError = res.timedOut ? `no answer within boot-timeout (${opts.timeoutSeconds}s)`
      : res.stderrTail.length > 0 ? finalError(res.stderrTail)
        : `exited ${res.exitCode} with ${failed.length} node(s) not running`;
    const mayPass = res.timedOut || isTransient(lastError);
    if (!mayPass || attempt > opts.retries) throw new BootError(failed, lastError, attempt);
    const wait = delay * 2 ** (attempt - 1);
    info(`boot attempt ${attempt} of ${opts.retries + 1} failed (${failed.map((n) => n.name).join(', ')}: ` +
      `${lastError}); trying again in ${wait / 1000}s`);
    await new Promise((r) => setTimeout(r, wait));
  }
}

export async function inspect(buildx: Buildx, name: string): Promise<BuilderInspect> {
  const res = await runBuildx(buildx, ['inspect', name], { timeoutMs: 60_000 });
  if (res.exitCode !== 0) throw new Error(`buildx inspect ${name} failed: ${finalError(res.stderrTail)}`);
  return parseInspect(res.stdout);
}
