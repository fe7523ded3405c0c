import { expect, test } from 'vitest';
import { parseRetryAfter, rateLimitedUrl } from '../../../src/registry/retry-after.js';
import { withRetries } from '../../../src/runtime/retry.js';

test('the request buildx names in a 429 error', () => {
  expect(rateLimitedUrl('ERROR: failed to push r/a:1: unexpected status from PUT request to ' +
    'http://127.0.0.1:5/v2/a/manifests/sha256:ab: 429 Too Many Requests')).toBe('http://127.0.0.1:5/v2/a/manifests/sha256:ab');
  expect(rateLimitedUrl('ERROR: toomanyrequests: You have reached your pull rate limit')).toBeUndefined();
  expect(rateLimitedUrl('ERROR: unexpected status from PUT request to http://r/v2/a: 500 Internal Server Error'))
    .toBeUndefined();
});

test.each([
  ['4', 4000], [' 120 ', 120_000], ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000], ['soon', undefined], [undefined, undefined],
])('Retry-After %j is %s ms', (value, ms) => {
  expect(parseRetryAfter(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(ms);
});

test('a wait an error asks for lengthens the backoff, up to the longest wait', async () => {
  const waits: number[] = [];
  const schedule = { attempts: 3, firstDelayMs: 10, maxDelayMs: 50 };
  let n = 0;
  await withRetries(schedule, async () => {
    if (++n < 3) throw new Error(n === 1 ? 'asks 40' : 'asks 900');
  }, (e): e is Error => e instanceof Error, (_n, wait) => waits.push(wait),
  (e) => Number(e.message.split(' ')[1]));
  expect(waits).toEqual([40, 50]);
});
