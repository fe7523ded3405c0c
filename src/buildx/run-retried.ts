// Runs a buildx command (the build, or the merge's `imagetools create`): the identical argv on
// every attempt, retrying only failures that may pass, each attempt within `attempt-timeout`.
// Stopping buildx drops its session, which cancels the build on the node too.
import { debug, info } from '@actions/core';
import type { RetryInputs } from '../shared/inputs-types.js';
import { classify, TOKEN_REFUSED, type Verdict } from './failures.js';
import { runBuildx, type Buildx } from './command.js';
import { errorMessage, withFix } from '../shared/errors.js';
import { finalError, finalErrorText } from './final-error.js';
import { withRetries, type RetrySchedule } from '../runtime/retry.js';
import { StepTimings, type StepTiming } from './step-timings.js';
import { DownloadWatch, ingestRef } from './corrupt-download.js';
import type { AttemptWatch, Explained, RegistryQuestions } from './attempt-watch.js';

/** A buildx command line and what it needs in its environment; never passes through a shell. */
export interface BuildxCommand {
  /** Arguments after `buildx`. */
  argv: string[];
  /** Extra environment for buildx: secret values travel here, never in argv. */
  env: Record<string, string>;
  /** Where buildx runs (bake's working directory); default the step's. */
  cwd?: string;
}

export interface Attempt {
  seconds: number;
  /** buildx's final error line; undefined for the attempt that passed. */
  error?: string;
  /** The steps that ran, with their durations, as buildx's progress output gave them. */
  steps?: StepTiming[];
}

export class BuildError extends Error {
  constructor(message: string, readonly attempts: Attempt[], readonly stderrTail: string[]) {
    super(message);
    this.name = 'BuildError';
  }
}

/** Many jobs may retry against one registry at once: spread the waits, and cap them. */
export function buildSchedule(retry: RetryInputs): RetrySchedule {
  const firstDelayMs = retry.delaySeconds * 1000;
  return { attempts: retry.retries + 1, firstDelayMs, maxDelayMs: 60_000, jitter: 0.2 };
}

class AttemptFailed extends Error {
  constructor(
    readonly line: string,
    readonly verdict: Verdict,
    readonly stderrTail: string[],
    /** How long the registry asked to be left alone (Retry-After), when it said. */
    readonly waitMs?: number,
  ) {
    super(line);
  }
}

export interface RetriedOptions {
  /** Names the command in messages: `buildx build, pushing to ghcr.io,`, `buildx imagetools create`. */
  what: string;
  /** What a failed attempt may ask the registry it met. */
  ask?: RegistryQuestions;
  /** The job was cancelled: buildx is stopped, and nothing is tried again. */
  signal?: AbortSignal;
  /** Removes a corrupted download the builder kept (its ingest ref), so the next attempt fetches it. */
  forgetDownload?: (ref: string) => Promise<void>;
  /** Watches for each attempt, given the way to stop it; the first that explains a failure wins. */
  watches?: ((stop: () => void) => AttemptWatch)[];
}

/** A build: its downloads are watched too (a corrupted one is named, and tried again). */
export function runBuild(buildx: Buildx, cmd: BuildxCommand, retry: RetryInputs, opts: RetriedOptions):
  Promise<Attempt[]> {
  const watches = [...opts.watches ?? [], (): DownloadWatch => new DownloadWatch()];
  return runRetried(buildx, cmd, retry, { ...opts, watches });
}

export async function runRetried(
  buildx: Buildx,
  cmd: BuildxCommand,
  retry: RetryInputs,
  { what, ask, signal, watches = [], forgetDownload }: RetriedOptions,
): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  const total = retry.retries + 1;
  const timeoutSeconds = retry.attemptTimeoutSeconds;
  const timeoutMs = timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000;
  try {
    await withRetries(buildSchedule(retry), async () => {
      const t0 = performance.now();
      const env = { ...process.env, ...cmd.env };
      const timings = new StepTimings();
      const stopper = new AbortController();
      const watching = watches.map((watch) => watch(() => stopper.abort()));
      const onStderrLine = (line: string): void => {
        timings.line(line);
        for (const w of watching) w.line(line);
      };
      const stops = signal ? AbortSignal.any([signal, stopper.signal]) : stopper.signal;
      const res = await runBuildx(buildx, cmd.argv,
        { env, stream: true, timeoutMs, onStderrLine, signal: stops, ...(cmd.cwd ? { cwd: cmd.cwd } : {}) })
        .finally(() => {
          for (const w of watching) w.end();
        });
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      if (res.exitCode === 0 && !res.timedOut) {
        attempts.push({ seconds, steps: timings.steps });
        return;
      }
      const text = finalErrorText(res.stderrTail);
      const cancelled = signal?.aborted === true;
      const failed = { stopped: stopper.signal.aborted, errorText: text };
      let explained: Explained | undefined;
      for (const w of cancelled ? [] : watching) explained ??= await w.explain(failed);
      const line = explained?.line ?? (cancelled ? 'buildx was stopped' : res.timedOut
        ? `attempt-timeout of ${retry.attemptTimeoutSeconds}s reached: the build was stopped`
        : finalError(res.stderrTail));
      attempts.push({ seconds, error: line });
      let verdict = explained?.verdict ??
        (cancelled ? { transient: false, reason: errorMessage(signal?.reason) }
          : res.timedOut ? { transient: true, reason: 'attempt timed out' } : classify(text, res.stderrTail.join('\n')));
      if (verdict.id === 'denied' && await ask?.refused(text) === 'token') verdict = TOKEN_REFUSED;
      const waitMs = verdict.id === 'rate-limit' ? await ask?.retryAfter(text) : undefined;
      const another = verdict.transient && attempts.length < Math.min(total, verdict.maxAttempts ?? Infinity);
      const ref = another && verdict.id === 'corrupt-download' ? ingestRef(text) : undefined;
      if (ref) await forgetDownload?.(ref);
      throw new AttemptFailed(line, verdict, res.stderrTail, waitMs);
    }, (error): error is AttemptFailed => error instanceof AttemptFailed && error.verdict.transient &&
      attempts.length < (error.verdict.maxAttempts ?? Infinity),
    (n, waitMs, failed) => {
      info(`attempt ${n} of ${total} failed, transient (${failed.verdict.reason}): ${failed.line}; ` +
        `trying again in ${waitMs / 1000}s`);
      debug(`the next attempt runs the same argv: ${JSON.stringify(cmd.argv)}`);
    }, (failed) => failed.waitMs);
    return attempts;
  } catch (error) {
    if (!(error instanceof AttemptFailed)) throw error;
    const n = attempts.length;
    const why = !error.verdict.transient ? `not retried: ${error.verdict.reason}`
      : `transient (${error.verdict.reason}), ${total === 1 ? 'retries is 0' : `still failing after ${n} attempts`}`;
    const message = `${what} failed (${n === 1 ? '1 attempt' : `${n} attempts`}, ${why}): ${error.line}`;
    throw new BuildError(withFix(message, error.verdict.fix), attempts, error.stderrTail);
  }
}
