import { describe, expect, test } from 'vitest';
import { apiHost, isLoopback, parseReference } from '../../../src/registry/reference.js';

describe('image references', () => {
  test.each([
    ['alpine', { registry: 'docker.io', repository: 'library/alpine' }],
    ['user/app:1.0', { registry: 'docker.io', repository: 'user/app', tag: '1.0' }],
    ['localhost:5000/a/b:t', { registry: 'localhost:5000', repository: 'a/b', tag: 't' }],
    ['127.0.0.1:5000/app', { registry: '127.0.0.1:5000', repository: 'app' }],
    ['ghcr.io/Org/x', 'must have a lowercase repository name'],
    ['ghcr.io/org/x:v1@sha256:' + 'a'.repeat(64),
      { registry: 'ghcr.io', repository: 'org/x', tag: 'v1', digest: 'sha256:' + 'a'.repeat(64) }],
    ['index.docker.io/library/busybox', { registry: 'docker.io', repository: 'library/busybox' }],
  ])('%s', (text, want) => {
    const got = parseReference(text);
    if (typeof want === 'string') expect(got).toBe(want);
    else expect(got).toEqual(want);
  });

  test.each(['app:bad tag', 'app:-x', 'a//b', '', 'app:' + 'x'.repeat(129), 'app@sha256:zz'])(
    'rejects %j', (text) => {
      expect(typeof parseReference(text)).toBe('string');
    });

  test('hosts', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('ghcr.io')).toBe('ghcr.io');
    expect(isLoopback('localhost:5000')).toBe(true);
    expect(isLoopback('127.0.0.2:443')).toBe(true);
    expect(isLoopback('registry.test:5443')).toBe(false);
  });
});
