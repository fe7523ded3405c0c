// What reads an attempt of a buildx command as it streams, beside the step timings, and the
// questions a failed attempt may ask the registry it met.
import type { Verdict } from './failures.js';

/**
 * Reads one attempt's progress as it streams, beside the step timings: it may stop the attempt
 * (a step that will never finish), and after a failed attempt it may know better than the final
 * error line why it failed.
 */
export interface AttemptWatch {
  line(text: string): void;
  /** After a failed attempt that the job did not cancel: what the watch saw, if it explains it. */
  explain(failed: { stopped: boolean; errorText: string }): Promise<Explained | undefined>;
  /** The attempt is over: no timer may fire. */
  end(): void;
}

/** Questions for the registry a failure names, asked after the attempt. */
export interface RegistryQuestions {
  /** How long a rate-limited request should wait (the registry's Retry-After). */
  retryAfter(errorText: string): Promise<number | undefined>;
  /** Whom a 401 refused: the runner's login, or a token its token service issued for it. */
  refused(errorText: string): Promise<'login' | 'token' | undefined>;
}

/** A verdict from evidence, and the attempt's line that says it. */
export interface Explained {
  verdict: Verdict;
  line: string;
}
