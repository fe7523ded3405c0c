// Runs `buildx build`: the identical argv on every attempt, retrying only failures that may pass,
// each attempt within `attempt-timeout`. Stopping buildx drops its session, which cancels the
// build on the node too.
import { info } from '@actions/core';
import { type BuildCommand } from './build-argv.js';
import { runBuildx, type Buildx } from '../runtime/buildx-command.js';
import { finalError } from '../runtime/errors.js';
import { knownFix } from './known-fixes.js';
import { classify } from './failures.js';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First delay in seconds; doubles each time, with jitter, capped. */
  delaySeconds: number;
  attemptTimeoutSeconds?: number;
}

export interface Attempt {
  seconds: number;
  /** buildx's final error line; undefined for the attempt that passed. */
  error?: string;
}

const MAX_DELAY_SECONDS = 60;

export class BuildError extends Error {
  constructor(message: string, readonly attempts: Attempt[], readonly stderrTail: string[]) {
    super(message);
    this.name = 'BuildError';
  }
}

/** The wait before attempt `n + 1`: doubling from `first`, capped, with ±20 % jitter. */
export function retryDelaySeconds(first: number, n: number, random = Math.random()): number {
  const base = Math.min(MAX_DELAY_SECONDS, first * 2 ** (n - 1));
  return Math.round(base * (0.8 + 0.4 * random) * 10) / 10;
}

export async function runBuild(buildx: Buildx, cmd: BuildCommand, policy: RetryPolicy): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  const total = policy.retries + 1;
  for (let n = 1; ; n++) {
    const t0 = performance.now();
    const res = await runBuildx(buildx, cmd.argv, {
      env: { ...process.env, ...cmd.env },
      stream: true,
      timeoutMs: policy.attemptTimeoutSeconds === undefined ? undefined : policy.attemptTimeoutSeconds * 1000,
    });
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    if (res.exitCode === 0 && !res.timedOut) {
      attempts.push({ seconds });
      return attempts;
    }
    const error = res.timedOut
      ? `attempt-timeout of ${policy.attemptTimeoutSeconds}s reached: the build was stopped`
      : finalError(res.stderrTail);
    attempts.push({ seconds, error });
    const verdict = res.timedOut ? { transient: true, reason: 'attempt timed out' } : classify(res.stderrTail.join('\n'));
    if (!verdict.transient || n === total) {
      const why = !verdict.transient ? `not retried: ${verdict.reason}`
        : `transient (${verdict.reason}), ${total === 1 ? 'retries is 0' : `still failing after ${total} attempts`}`;
      const fix = knownFix(res.stderrTail.join('\n'));
      const what = cmd.argv[0] === 'build' ? 'buildx build' : `buildx ${cmd.argv.slice(0, 2).join(' ')}`;
      throw new BuildError(`${what} failed (${n === 1 ? '1 attempt' : `${n} attempts`}, ${why}): ${error}` +
        `${fix ? ` - Fix: ${fix}` : ''}`, attempts, res.stderrTail);
    }
    const wait = retryDelaySeconds(policy.delaySeconds, n);
    info(`attempt ${n} of ${total} failed, transient (${verdict.reason}): ${error}; trying again in ${wait}s`);
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
}
