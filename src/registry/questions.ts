// The questions a failed push may ask the registry it met, with the run's logins and trust: how
// long a rate limit asks to wait, and whom a 401 refused.
import { askRefused, type Refused } from './refused.js';
import { askRetryAfter } from './retry-after.js';
import { registryClientFor } from './client.js';
import type { RegistryTrust } from './trust.js';

/** Answers to the questions of buildx/attempt-watch.ts. */
export function registryQuestions(trust: RegistryTrust): {
  retryAfter: (errorText: string) => Promise<number | undefined>;
  refused: (errorText: string) => Promise<Refused | undefined>;
} {
  const client = registryClientFor(trust);
  return {
    retryAfter: (errorText) => askRetryAfter(errorText, trust.trustFor),
    refused: (errorText) => askRefused(errorText, client),
  };
}
