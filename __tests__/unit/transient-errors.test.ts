// Real error lines from buildx and BuildKit (the seeds' logs and the bed), classified.
import { expect, test } from 'vitest';
import { isTransient } from '../../src/transient-errors.js';

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
