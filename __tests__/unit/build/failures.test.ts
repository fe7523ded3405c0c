// Real error lines from buildx and BuildKit (users' build logs and the bed), classified, with their fixes.
import { fixture } from '../../fixture.js';
import { describe, expect, test } from 'vitest';
import { buildSchedule } from '../../../src/build/run-build.js';
import { delayMs } from '../../../src/runtime/retry.js';
import { classify, isTransient } from '../../../src/build/failures.js';

test.each([
  'ERROR: context deadline exceeded',
  'ERROR: failed to solve: failed to authorize: DeadlineExceeded: failed to fetch oauth token: Post "https://auth.docker.io/token": dial tcp 44.208.254.194:443: i/o timeout',
  'ERROR: failed to push localhost:5000/app:1: failed to do request: Put "http://localhost:5000/v2/app/blobs/uploads/": read tcp 127.0.0.1:41234->127.0.0.1:5000: read: connection reset by peer',
  'ERROR: failed to solve: failed to do request: Head "https://registry-1.docker.io/v2/library/alpine/manifests/3.20": net/http: TLS handshake timeout',
  'ERROR: failed to solve: unexpected status from PUT request to https://ghcr.io/v2/o/r/manifests/1: 503 Service Unavailable',
  'ERROR: failed to solve: docker.io/library/alpine:3.20: failed to resolve source metadata: unexpected status code 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.',
  'ERROR: dial tcp 127.0.0.1:7005: connect: connection refused',
])('transient: %s', (line) => {
  expect(isTransient(line)).toBe(true);
});

test.each([
  'ERROR: Error response from daemon: failed to resolve reference "127.0.0.1:5000/none/buildkit:missing": 127.0.0.1:5000/none/buildkit:missing: not found',
  'ERROR: failed to solve: failed to push ghcr.io/o/r:1: unexpected status from POST request: 403 Forbidden',
  'ERROR: failed to solve: pull access denied, repository does not exist or may require authorization',
  'ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN',
  'ERROR: invalid tag "App:1": repository name must be lowercase',
])('not transient: %s', (line) => {
  expect(isTransient(line)).toBe(false);
});

test.each([
  // A RUN step's own output never makes its exit transient.
  ['ERROR: failed to build: failed to solve: process "/bin/busybox sh -c echo connection reset by peer; exit 3" did not complete successfully: exit code: 3',
    false, 'a RUN step exited non-zero'],
  ['ERROR: failed to solve: failed to authorize: DeadlineExceeded: failed to fetch oauth token: unexpected status: 503', true,
    'registry token fetch failed'],
  ['ERROR: failed to solve: rpc error: code = Unavailable desc = error reading from server: EOF', true, 'connection lost'],
  ['ERROR: failed to solve: alpine:3.99: failed to resolve source metadata for docker.io/library/alpine:3.99: docker.io/library/alpine:3.99: not found',
    false, 'an image or file does not exist'],
  ['ERROR: failed to push registry.test:5443/a:1: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    false, 'a certificate the builder does not trust'],
])('classify %s', (text, transient, reason) => {
  expect(classify(text)).toMatchObject({ transient, reason });
});

test('retry delays double from the first, with jitter, capped at 60 s', () => {
  const wait = (first: number, n: number, random: number): number =>
    delayMs(buildSchedule({ retries: 5, delaySeconds: first }), n, random) / 1000;
  expect(wait(5, 1, 0.5)).toBe(5);
  expect(wait(5, 2, 0.5)).toBe(10);
  expect(wait(5, 3, 0)).toBe(16);
  expect(wait(5, 3, 1)).toBe(24);
  expect(wait(50, 4, 0.5)).toBe(60);
});

// buildx's own error lines, captured on the bed (__tests__/fixtures/errors).
test.each([
  ['push-connection-reset.txt', true, 'connection reset'],
  ['push-503.txt', true, 'server error (5xx)'],
  ['boot-dead-node.txt', true, 'deadline exceeded'],
  ['node-lost-mid-build.txt', true, 'connection lost'],
  ['run-exit-3.txt', false, 'a RUN step exited non-zero'],
  ['missing-base-image.txt', false, 'an image or file does not exist'],
  ['dockerfile-error.txt', false, 'a Dockerfile error'],
  ['push-401.txt', false, 'the registry refused the credentials'],
  ['x509-unknown-authority.txt', false, 'a certificate the builder does not trust'],
])('captured %s', (file, transient, reason) => {
  const text = fixture(`errors/${file}`);
  expect(classify(text)).toMatchObject({ transient, reason });
});

describe('known fixes', () => {
  test.each([
    ['exec /bin/sh: exec format error', 'QEMU handler'],
    ['ERROR: failed to build: Multi-platform build is not supported for the docker driver.', 'containerd'],
    ['ERROR: failed to push registry.test:5443/a:1: tls: failed to verify certificate: x509: certificate signed by unknown authority', 'CA'],
    ['ERROR: failed to push ghcr.io/o/a:1: unexpected status from HEAD request: 403 Forbidden', 'log in'],
    ['write /var/lib/buildkit/x: no space left on device', 'disk is full'],
    ["docker: 'buildx' is not a docker command.", 'buildx is not installed'],
  ])('%s', (line, fix) => {
    expect(classify(line).fix).toContain(fix);
  });

  test('unknown errors get no guess', () => {
    expect(classify('ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2').fix)
      .toBeUndefined();
  });
});
