// How long a registry that rate-limits (429) asks to be left alone. buildx names the request that
// met the 429 in its error but not the registry's Retry-After; the registry is asked once more for
// it with a HEAD of that URL (a HEAD is no pull on Docker Hub's rate limit).
import { httpGet } from './http-get.js';
import type { TrustFor } from './trust.js';

/** The URL of the request buildx says met `status`: `... PUT request to URL: 429 Too Many Requests`. */
export function requestThatMet(errorText: string, status: number): string | undefined {
  return new RegExp(`request to (https?:\\/\\/\\S+?): ${status}\\b`).exec(errorText)?.[1];
}

/** The URL of a request buildx says met a 429. */
export const rateLimitedUrl = (errorText: string): string | undefined => requestThatMet(errorText, 429);

/** A Retry-After header (seconds, or an HTTP date) in ms from `now`. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait the registry asks for, or undefined when it does not say (or cannot be asked). */
export async function askRetryAfter(errorText: string, trustFor: TrustFor): Promise<number | undefined> {
  const url = rateLimitedUrl(errorText);
  if (!url) return undefined;
  try {
    const res = await httpGet(url, { method: 'HEAD', timeoutMs: 5_000, ...trustFor(new URL(url).host) });
    const header = res.headers['retry-after'];
    return res.status === 429 ? parseRetryAfter(Array.isArray(header) ? header[0] : header) : undefined;
  } catch {
    return undefined;
  }
}

