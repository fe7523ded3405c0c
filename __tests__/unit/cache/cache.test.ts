import { describe, expect, test } from 'vitest';
import { planCache, scopeName, type CacheSituation } from '../../../src/cache/cache-plan.js';
import { CacheWatch } from '../../../src/cache/cache-watch.js';
import { reportCache } from '../../../src/cache/cache.js';
import { cacheService } from '../../../src/runtime/cache-service.js';
import { fixture } from '../../fixture.js';

const TWO = ['linux/amd64', 'linux/arm64'];
const auto = { mode: 'auto' as const, fanOutPlatforms: [] };
const runner: CacheSituation = { service: 'v2', buildkitGhaV2: true, repository: 'ghcr.io/octo/app', pushes: true,
  fromFork: false, explicit: false };

describe('which cache, when nobody configured one', () => {
  test('on a runner with the cache service: gha, one scope per image and platform set, never failing', () => {
    expect(planCache(auto, TWO, runner)).toStrictEqual({
      kind: 'gha', name: 'ghcr.io/octo/app@linux-amd64_linux-arm64', why: 'the Actions cache service of this runner',
      from: ['type=gha,scope=ghcr.io/octo/app@linux-amd64_linux-arm64'],
      to: ['type=gha,scope=ghcr.io/octo/app@linux-amd64_linux-arm64,mode=max,ignore-error=true'],
    });
    // the same platforms however written: one scope
    expect(planCache(auto, ['arm64', 'linux/amd64'], runner).name).toBe('ghcr.io/octo/app@linux-amd64_linux-arm64');
    // other platforms never share it
    expect(planCache(auto, ['linux/arm64'], runner).name).toBe('ghcr.io/octo/app@linux-arm64');
  });

  test('a fan-out leg writes its own scope and reads its siblings\'', () => {
    const leg = planCache({ mode: 'auto', fanOutPlatforms: [...TWO, 'linux/arm/v7'] }, ['linux/arm64'], runner);
    expect(leg.from).toStrictEqual(['type=gha,scope=ghcr.io/octo/app@linux-arm64',
      'type=gha,scope=ghcr.io/octo/app@linux-amd64', 'type=gha,scope=ghcr.io/octo/app@linux-arm-v7']);
    expect(leg.to).toStrictEqual(['type=gha,scope=ghcr.io/octo/app@linux-arm64,mode=max,ignore-error=true']);
    const registry = planCache({ mode: 'registry', fanOutPlatforms: TWO }, ['linux/arm64'], runner);
    expect(registry.from).toStrictEqual(['type=registry,ref=ghcr.io/octo/app:buildcache-linux-arm64',
      'type=registry,ref=ghcr.io/octo/app:buildcache-linux-amd64']);
    expect(registry.to).toHaveLength(1);
  });

  test('BuildKit older than 0.20 against the service v2: a registry cache next to the image instead', () => {
    const plan = planCache(auto, TWO, { ...runner, buildkitGhaV2: false });
    expect(plan).toMatchObject({ kind: 'registry', name: 'ghcr.io/octo/app:buildcache-linux-amd64_linux-arm64',
      from: ['type=registry,ref=ghcr.io/octo/app:buildcache-linux-amd64_linux-arm64'],
      to: ['type=registry,ref=ghcr.io/octo/app:buildcache-linux-amd64_linux-arm64,mode=max,image-manifest=true,' +
        'oci-mediatypes=true,ignore-error=true'] });
    expect(plan.why).toContain("a node's BuildKit is older than 0.20");
    // the service v1 (GHES) needs no 0.20
    expect(planCache(auto, TWO, { ...runner, service: 'v1', buildkitGhaV2: false }).kind).toBe('gha');
  });

  test('the registry cache is written by pushes only, never by a pull request from a fork', () => {
    const self = { ...runner, service: undefined };
    expect(planCache(auto, TWO, self).to).toHaveLength(1);
    const notPushing = planCache(auto, TWO, { ...self, pushes: false });
    expect([notPushing.from.length, notPushing.to.length]).toStrictEqual([1, 0]);
    expect(notPushing.why).toContain('read only (the build does not push)');
    const fork = planCache(auto, TWO, { ...self, fromFork: true });
    expect([fork.from.length, fork.to.length]).toStrictEqual([1, 0]);
    expect(fork.why).toContain('never writes it');
  });

  test('none where neither fits, off, and the user\'s own flags first', () => {
    expect(planCache(auto, TWO, { ...runner, service: undefined, repository: undefined })).toStrictEqual({
      kind: 'none', from: [], to: [], why: 'no Actions cache service here; no image repository named (tags or image)' });
    expect(planCache({ ...auto, mode: 'off' }, TWO, runner)).toMatchObject({ kind: 'none', from: [], to: [] });
    expect(planCache(auto, TWO, { ...runner, explicit: true })).toMatchObject({ kind: 'yours', from: [], to: [] });
    expect(planCache({ ...auto, mode: 'registry' }, TWO, runner).kind).toBe('registry');
    expect(planCache({ ...auto, mode: 'gha' }, TWO, { ...runner, service: undefined }).kind).toBe('none');
  });

  test('a scope is a valid tag however many platforms', () => {
    const many = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x',
      'linux/riscv64', 'linux/mips64le', 'linux/loong64', 'linux/amd64/v2', 'linux/amd64/v3'];
    expect(scopeName(many)).toMatch(/^[A-Za-z0-9_.-]{1,100}$/);
    expect(scopeName(many)).not.toBe(scopeName(many.slice(1)));
  });

  test('the service, as the runner announces it', () => {
    expect(cacheService({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'u', ACTIONS_CACHE_SERVICE_V2: 'True' })).toBe('v2');
    expect(cacheService({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'u' })).toBe('v1');
    expect(cacheService({ ACTIONS_RESULTS_URL: 'u', ACTIONS_CACHE_SERVICE_V2: 'true' })).toBeUndefined();
    // a results service without the v2 switch is not a cache (the artifact service alone, say)
    expect(cacheService({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'u' })).toBeUndefined();
  });
});

/** buildx 0.29.1 on Docker 28.5.2's BuildKit, a two-platform build with type=gha (captured on the bed). */
function watched(file: string): CacheWatch {
  const cache = new CacheWatch();
  const watch = cache.watch();
  for (const line of fixture(`progress/${file}`).split(/\r?\n/)) watch.line(line);
  return cache;
}
const gha = planCache(auto, TWO, runner);

describe('what the cache did, read from the progress', () => {
  test('cold: read, nothing in it; written', () => {
    const { seen } = watched('v0.29-cache-gha-cold.txt');
    expect(seen).toMatchObject({ steps: 6, cached: 0 });
    expect(seen.exports).toStrictEqual([{ name: 'exporting to GitHub Actions Cache' }]);
    expect(reportCache(gha, seen)).toMatchObject({ read: '0 of 6 steps from the cache', wrote: 'written' });
  });

  test('warm on a new builder: every step from the cache', () => {
    expect(reportCache(gha, watched('v0.29-cache-gha-warm.txt').seen).read).toBe('6 of 6 steps from the cache');
  });

  test('the service answering 500: neither read nor written, the build passed, and why', async () => {
    const cache = watched('v0.29-cache-gha-500.txt');
    expect(reportCache(gha, cache.seen)).toMatchObject({ read: 'not read: internal', wrote: 'not written: internal' });
  });

  test('a registry cache no build wrote yet is a cold start, not a failure', () => {
    const plan = planCache(auto, TWO, { ...runner, service: undefined });
    expect(reportCache(plan, watched('v0.29-cache-registry-missing.txt').seen).read).toBe('nothing to read yet (a cold build)');
  });

  test('an export that failed the build is named and not retried; a build that failed itself is not', async () => {
    const cache = new CacheWatch();
    const w = cache.watch();
    for (const l of ['#13 exporting to GitHub Actions Cache', '#13 ERROR: internal']) w.line(l);
    expect(await w.explain({ stopped: false, errorText: 'ERROR: failed to solve: internal' })).toMatchObject({
      verdict: { transient: false, reason: 'exporting the build cache failed (internal)' },
      line: 'exporting to GitHub Actions Cache: internal' });
    const other = cache.watch();
    for (const l of ['#8 [linux/arm64 2/2] RUN make', '#8 ERROR: process "make" did not complete successfully: exit code: 2',
      '#13 exporting to GitHub Actions Cache', '#13 ERROR: internal']) other.line(l);
    expect(await other.explain({ stopped: false, errorText: '' })).toBeUndefined();
  });
});
