import { describe, expect, test } from 'vitest';
import {
  apiHost, isLoopback, parseReference, referenceProblem, repositoryOf,
} from '../../../src/shared/reference.js';

const digest = `sha256:${'a'.repeat(64)}`;

// What docker itself resolves (distribution/reference's ParseNormalizedNamed): the first path
// component is a registry only with a dot, a port, `localhost`, or an uppercase letter.
describe('image references, as docker resolves them', () => {
  test.each([
    ['alpine', { registry: 'docker.io', repository: 'library/alpine' }],
    ['alpine:3.20', { registry: 'docker.io', repository: 'library/alpine', tag: '3.20' }],
    ['user/app:1.0', { registry: 'docker.io', repository: 'user/app', tag: '1.0' }],
    ['docker.io/app', { registry: 'docker.io', repository: 'library/app' }],
    ['index.docker.io/library/busybox', { registry: 'docker.io', repository: 'library/busybox' }],
    ['localhost/app:1', { registry: 'localhost', repository: 'app', tag: '1' }],
    ['localhost:5000/a/b:t', { registry: 'localhost:5000', repository: 'a/b', tag: 't' }],
    ['localhost', { registry: 'docker.io', repository: 'library/localhost' }],
    ['localhost:5000', { registry: 'docker.io', repository: 'library/localhost', tag: '5000' }],
    ['127.0.0.1:5000/app', { registry: '127.0.0.1:5000', repository: 'app' }],
    ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app', tag: '1' }],
    ['[2001:db8::1]/team/app', { registry: '[2001:db8::1]', repository: 'team/app' }],
    ['example/app', { registry: 'docker.io', repository: 'example/app' }],
    ['my-org/my_app.v2__x---y', { registry: 'docker.io', repository: 'my-org/my_app.v2__x---y' }],
    ['example.com/app', { registry: 'example.com', repository: 'app' }],
    ['Registry/app', { registry: 'Registry', repository: 'app' }],
    [`app@${digest}`, { registry: 'docker.io', repository: 'library/app', digest }],
    [`ghcr.io/org/x:v1@${digest}`, { registry: 'ghcr.io', repository: 'org/x', tag: 'v1', digest }],
  ])('%s', (text, want) => {
    expect(referenceProblem(text)).toBeUndefined();
    expect(parseReference(text)).toStrictEqual(want);
  });

  test.each([
    ['ghcr.io/Org/x', 'must have a lowercase repository name'],
    ['APP:1', 'must have a lowercase repository name'],
    ['app:bad tag', 'is not a valid image reference'],
    ['app:-x', 'is not a valid image reference'],
    ['a//b', 'is not a valid image reference'],
    ['', 'is not a valid image reference'],
    [`app:${'x'.repeat(129)}`, 'is not a valid image reference'],
    ['app@sha256:zz', 'is not a valid image reference'],
    [`r.io/${'a'.repeat(256)}`, 'longer than 255'],
    // docker reads a first component with a dot as a registry, and refuses it when it is not a host name
    ['foo_bar.com/app', 'is not a valid image reference'],
    ['my.-reg/app', 'is not a valid image reference'],
  ])('rejects %j', (text, why) => {
    expect(referenceProblem(text)).toContain(why);
    expect(() => parseReference(text)).toThrow(why);
  });

  test('repository names', () => {
    expect(repositoryOf(parseReference('alpine'))).toBe('docker.io/library/alpine');
    expect(repositoryOf(parseReference('127.0.0.1:5000/a/b:1'))).toBe('127.0.0.1:5000/a/b');
  });

  test('hosts', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('ghcr.io')).toBe('ghcr.io');
    expect(isLoopback('localhost:5000')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('127.0.0.2:443')).toBe(true);
    expect(isLoopback('[::1]:5000')).toBe(true);
    expect(isLoopback('registry.test:5443')).toBe(false);
    expect(isLoopback('127.example.com')).toBe(false);
    expect(isLoopback('127.10.200.1:5000')).toBe(true);
    expect(isLoopback('127.0.0.10')).toBe(true);
    expect(isLoopback('127.0.0.1.example.com')).toBe(false);
    expect(isLoopback('x127.0.0.1')).toBe(false);
    expect(isLoopback('localhost.example.com')).toBe(false);
    expect(isLoopback('[::2]:5000')).toBe(false);
  });

  test('the exact messages, the reference first', () => {
    expect(() => parseReference('App:1')).toThrow(/^App:1 must have a lowercase repository name$/);
    expect(referenceProblem('a b')).toBe('is not a valid image reference ([REGISTRY/]NAME[:TAG])');
    expect(referenceProblem(`r.io/${'a'.repeat(251)}`)).toBe('has a repository name longer than 255 characters');
  });

  test('a name of exactly 255 characters is valid', () => {
    expect(parseReference(`r.io/${'a'.repeat(250)}`).repository).toBe('a'.repeat(250));
  });
});
