// Real error lines from buildx and BuildKit (users' build logs and the bed), classified, with their fixes.
import { fixture } from '../../fixture.js';
import { describe, expect, test } from 'vitest';
import { buildSchedule } from '../../../src/buildx/run-retried.js';
import { delayMs } from '../../../src/runtime/retry.js';
import { classify, fixOf, isFailure, isTransient } from '../../../src/buildx/failures.js';
import { finalErrorText } from '../../../src/buildx/final-error.js';

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
  // A token service that refuses the login is a denial; one that times out or fails is not.
  ['ERROR: failed to solve: failed to fetch anonymous token: unexpected status: 403 Forbidden', false,
    'the registry\'s token service refused the credentials'],
  ['ERROR: failed to solve: failed to fetch oauth token: unexpected status from GET request to https://ghcr.io/token?scope=x: 502 Bad Gateway',
    true, 'registry token fetch failed'],
  ['ERROR: failed to solve: failed to fetch oauth token: Post "https://auth.docker.io/token": dial tcp: i/o timeout',
    true, 'registry token fetch failed'],
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
  ['push-500.txt', true, 'server error (5xx)'],
  ['token-401.txt', false, 'the registry\'s token service refused the credentials'],
  ['boot-dead-node.txt', true, 'deadline exceeded'],
  ['node-lost-mid-build.txt', true, 'connection lost'],
  ['run-exit-3.txt', false, 'a RUN step exited non-zero'],
  ['missing-base-image.txt', false, 'an image or file does not exist'],
  ['dockerfile-error.txt', false, 'a Dockerfile error'],
  ['push-401.txt', false, 'the registry refused the credentials'],
  // The registry's 401 alone cannot tell a refused login from a refused token: the registry is
  // asked after the attempt (registry/refused.ts); the table's first word is the denial.
  ['push-401-token-refused.txt', false, 'the registry refused the credentials'],
  ['push-insufficient-scope.txt', false, 'the registry refused the credentials'],
  ['corrupt-layer-download-v0.13.txt', true, 'a download arrived corrupted'],
  ['merge-blob-race.txt', true, 'the registry had not stored every blob the manifest names yet'],
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

// Every row of the table, each with an error line as buildx, BuildKit or the engine words it, and
// the whole verdict: transient or not, the reason, and the fix (or none).
const CREDENTIALS_FIX = 'the registry refused the credentials: log in first (docker/login-action) with a token that may push there';
test.each<[string, boolean, string, string | undefined]>([
  ['ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2', false, 'a RUN step exited non-zero', undefined],
  ['ERROR: failed to fetch oauth token: Post "https://auth.example.test/token": EOF', true, 'registry token fetch failed', undefined],
  ['ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory', false, 'a Dockerfile error', undefined],
  ['ERROR: failed to solve: dockerfile parse error on line 1: unknown instruction: FORM', false, 'a Dockerfile error', undefined],
  ['ERROR: no builder "mab-123" found', false, 'the builder does not exist',
    'name a builder that `docker buildx ls` lists, or leave `builder` empty so the action creates one'],
  ['ERROR: failed to solve: r.test/a:1: failed to resolve source metadata: manifest unknown', false, 'an image or file does not exist', undefined],
  ['ERROR: failed to push r.test/a:1: unexpected status from PUT request: 401 Unauthorized', false,
    'the registry refused the credentials', CREDENTIALS_FIX],
  ['ERROR: failed to push r.test/a:1: insufficient_scope: authorization failed', false, 'the registry refused the credentials', CREDENTIALS_FIX],
  ['ERROR: failed to solve: authentication required', false, 'the registry refused the credentials', CREDENTIALS_FIX],
  ['ERROR: invalid reference format: repository name must be lowercase', false, 'an invalid reference or argument', undefined],
  ['ERROR: invalid argument "a b" for "-t, --tag" flag', false, 'an invalid reference or argument', undefined],
  ['ERROR: failed to do request: Head "https://r.test/v2/": x509: certificate has expired or is not yet valid', false,
    'a certificate the builder does not trust',
    'the builder does not trust the registry\'s certificate: give its CA in `registry-ca` (for the engine\'s own builder, /etc/docker/certs.d/HOST:PORT/ca.crt)'],
  ['exec /bin/sh: exec format error', false, 'a platform ran without emulation',
    'a platform ran without a QEMU handler: keep `qemu: auto` (or `true`), or add a node that builds it natively'],
  ['ERROR: multiple platforms feature is currently not supported for docker driver. Please switch to a different driver',
    false, 'the engine\'s own builder cannot build several platforms',
    'the engine\'s own builder needs the containerd image store for several platforms: leave `builder` empty so the action creates a builder, or turn on the engine\'s containerd-snapshotter feature'],
  ['ERROR: failed to solve: write /var/lib/buildkit/runc-overlayfs/x: no space left on device', false, 'the disk is full',
    'the disk is full: prune the build cache or give BuildKit a smaller GC limit (`cache-keep-storage`)'],
  ['unknown command "buildx" for "docker"', false, 'buildx is missing',
    'buildx is not installed: install the docker-buildx plugin, or pin a release with `buildx-version`'],
  ['/usr/libexec/docker/cli-plugins/docker-buildx: not found', false, 'buildx is missing',
    'buildx is not installed: install the docker-buildx plugin, or pin a release with `buildx-version`'],
  ['ERROR: failed to solve: context deadline exceeded', true, 'deadline exceeded', undefined],
  ['ERROR: failed to solve: rpc error: code = DeadlineExceeded desc = x', true, 'deadline exceeded', undefined],
  ['ERROR: dial tcp: lookup r.test: i/o timeout', true, 'network timeout', undefined],
  ['ERROR: net/http: request canceled (Client.Timeout exceeded while awaiting headers)', true, 'network timeout', undefined],
  ['ERROR: failed to copy: httpReadSeeker: failed open: failed to do request: timed out', true, 'network timeout', undefined],
  ['ERROR: remote error: TLS handshake timeout', true, 'TLS handshake timeout', undefined],
  ['ERROR: dial tcp 127.0.0.1:7005: connect: connection refused', true, 'connection refused', undefined],
  ['ERROR: read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer', true, 'connection reset', undefined],
  ['ERROR: write tcp 127.0.0.1:1->127.0.0.1:2: write: broken pipe', true, 'broken pipe', undefined],
  ['ERROR: failed to copy: unexpected EOF', true, 'connection lost', undefined],
  ['ERROR: failed to solve: Unavailable: error reading from server: EOF', true, 'connection lost', undefined],
  ['ERROR: failed to solve: rpc error: code = Unavailable desc = closing transport', true, 'connection lost', undefined],
  ['ERROR: toomanyrequests: You have reached your pull rate limit', true, 'rate limited (429)', undefined],
  ['ERROR: unexpected status code 429', true, 'rate limited (429)', undefined],
  ['ERROR: unexpected status from GET request: 502 Bad Gateway', true, 'server error (5xx)', undefined],
  ['ERROR: unexpected status: 504', true, 'server error (5xx)', undefined],
  ['ERROR: failed commit on ref "index-sha256:3b": unexpected status: 500 Server Error', true, 'server error (5xx)', undefined],
  ['ERROR: received unexpected HTTP status: 500 Internal Server Error', true, 'server error (5xx)', undefined],
  ['ERROR: failed to fetch oauth token: unexpected status from GET request to https://a/token?x=1: 401 Unauthorized', false,
    'the registry\'s token service refused the credentials', CREDENTIALS_FIX],
  ['ERROR: upstream said Gateway Timeout', true, 'server error (5xx)', undefined],
  ['ERROR: dial tcp: lookup r.test on 127.0.0.53:53: no such host', true, 'DNS failure', undefined],
  ['ERROR: dial tcp: lookup r.test: Temporary failure in name resolution', true, 'DNS failure', undefined],
  ['ERROR: something nobody has seen before', false, 'not a known transient failure', undefined],
])('row: %s', (line, transient, reason, fix) => {
  const want = fix === undefined ? { transient, reason } : { transient, reason, fix };
  const verdict = classify(line);
  delete verdict.id; // the ids have their own test
  expect(verdict).toStrictEqual(want);
});

test.each([
  ['ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2', 'run-exit'],
  ['ERROR: no builder "mab-123" found', 'builder-missing'],
  ['ERROR: Multi-platform build is not supported for the docker driver.', 'classic-store'],
  ['ERROR: unexpected status from PUT request to http://r/v2/a/manifests/1: 429 Too Many Requests', 'rate-limit'],
  ['ERROR: unexpected status: 503', undefined],
])('the verdict on %j carries the row\'s id %s', (line, id) => expect(classify(line).id).toBe(id));

test('a later row\'s fix is kept when an earlier row decides the reason', () => {
  // "not found" decides the reason, the denial's fix still helps.
  expect(classify('ERROR: pull access denied for r.test/a, repository does not exist: not found')).toStrictEqual({
    transient: false, reason: 'an image or file does not exist', fix: CREDENTIALS_FIX,
  });
});

test('known failures by id, as the rest of the action asks for them', () => {
  expect(isFailure('run-exit', 'did not complete successfully: exit code: 137')).toBe(true);
  expect(isFailure('run-exit', 'connection reset by peer')).toBe(false);
  expect(isFailure('builder-missing', 'ERROR: no builder "x" found')).toBe(true);
  expect(isFailure('builder-missing', 'ERROR: no builder found')).toBe(false);
  expect(isFailure('classic-store', 'Multi-platform build is not supported for the docker driver.')).toBe(true);
  expect(fixOf('builder-missing')).toBe('name a builder that `docker buildx ls` lists, or leave `builder` empty so the action creates one');
  expect(fixOf('classic-store')).toContain('containerd image store');
  expect(fixOf('run-exit')).toBe('');
});

// The verdict comes from buildx's final error, not from progress lines above it: a retry BuildKit
// made on its own, or a DNS hiccup it got past, says nothing about why the build failed.
test.each([
  [['#9 3.502 retrying in 4s', '#9 ERROR: failed to push r/a:1: unexpected status: 500 Internal Server Error',
    'ERROR: failed to build: failed to solve: failed to push r/a:1: unexpected status: 401 Unauthorized'],
  false, 'the registry refused the credentials'],
  [['#3 0.2 lookup registry.test: no such host', '#3 DONE 0.9s', '#5 [internal] load build definition',
    'ERROR: failed to build: failed to solve: unsupported request frontend.lint'], false, 'not a known transient failure'],
  [['#6 0.1 error: 429 Too Many Requests', 'ERROR: failed to build: failed to solve: process "/bin/sh -c make" did ' +
    'not complete successfully: exit code: 2'], false, 'a RUN step exited non-zero'],
  [['#6 1.0 error: connection reset by peer', 'ERROR: failed to build: failed to solve: failed to push r/a:1: ' +
    'connection reset by peer', 'View build details: docker-desktop://dashboard/build/b/b0/x'], true, 'connection reset'],
])('the final error decides: %j', (tail, transient, reason) => {
  expect(classify(finalErrorText(tail))).toMatchObject({ transient, reason });
});

test('a fix may come from the lines above the final error; the verdict never does', () => {
  const tail = ['#5 0.101 exec /bin/busybox: exec format error', '#5 ERROR: process "/bin/busybox true" did not ' +
    'complete successfully: exit code: 1', 'ERROR: failed to build: failed to solve: process "/bin/busybox true" ' +
    'did not complete successfully: exit code: 1'];
  const verdict = classify(finalErrorText(tail), tail.join('\n'));
  expect(verdict).toMatchObject({ transient: false, reason: 'a RUN step exited non-zero' });
  expect(verdict.fix).toContain('QEMU handler');
  expect(classify('ERROR: something new', '#3 0.2 connection reset by peer')).toStrictEqual(
    { transient: false, reason: 'not a known transient failure' });
});
