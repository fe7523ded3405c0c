// The request buildx says met a 401, read from its error (captured on the bed: a token refused as
// soon as its token service issued it, and a basic-auth registry refusing a password).
import { expect, test } from 'vitest';
import { fixture } from '../../fixture.js';
import { unauthorizedRequest } from '../../../src/registry/refused.js';

test.each([
  ['push-401-token-refused.txt', { registry: '127.0.0.1:44563', repository: 'e2e-mxdoa5qk6zja/expiring' }],
  ['push-401.txt', { registry: '127.0.0.1:5001', repository: 'x/y' }],
])('%s', (file, request) => {
  expect(unauthorizedRequest(fixture(`errors/${file}`))).toStrictEqual(request);
});

test('no request, or not a 401: nothing to ask', () => {
  expect(unauthorizedRequest(fixture('errors/push-insufficient-scope.txt'))).toBeUndefined();
  expect(unauthorizedRequest(fixture('errors/push-503.txt'))).toBeUndefined();
  expect(unauthorizedRequest('unexpected status from PUT request to https://ghcr.io/v2/o/r/manifests/1: 4011 x'))
    .toBeUndefined();
});
