// The one retry loop: attempts, a doubling wait between them (capped, with jitter where many jobs
// may retry at once against one registry) and an optional deadline. Callers say what may pass.

export interface RetrySchedule {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait after the first attempt; it doubles after each further one. */
  firstDelayMs: number;
  maxDelayMs?: number;
  /** Random spread of each wait, as a fraction (0.2: ±20 %). */
  jitter?: number;
  /** No attempt starts when its wait would end past this many ms after the first started. */
  deadlineMs?: number;
}

/** The wait after attempt `n` (1-based), rounded to 0.1 s. */
export function delayMs(s: RetrySchedule, n: number, random = Math.random()): number {
  const base = Math.min(s.maxDelayMs ?? Infinity, s.firstDelayMs * 2 ** (n - 1));
  const spread = s.jitter ? 1 - s.jitter + 2 * s.jitter * random : 1;
  return Math.round((base * spread) / 100) * 100;
}

/**
 * Runs `attempt` until it returns, `mayPass` says its error cannot pass, the attempts are used up
 * or the deadline is near; then its last error is thrown as it was. `onRetry` hears each retry.
 * `waitAtLeast` may lengthen a wait for an error that says how long (a registry's Retry-After),
 * up to the schedule's longest wait.
 */
export async function withRetries<T, E>(
  schedule: RetrySchedule,
  attempt: (n: number) => Promise<T>,
  mayPass: (error: unknown) => error is E,
  onRetry?: (n: number, waitMs: number, error: E) => void,
  waitAtLeast?: (error: E) => number | undefined,
): Promise<T> {
  const until = schedule.deadlineMs === undefined ? Infinity : Date.now() + schedule.deadlineMs;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const asked = mayPass(error) ? waitAtLeast?.(error) ?? 0 : 0;
      const wait = Math.max(delayMs(schedule, n), Math.min(asked, schedule.maxDelayMs ?? Infinity));
      if (n >= schedule.attempts || !mayPass(error) || Date.now() + wait > until) throw error;
      onRetry?.(n, wait, error);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
