// Warm by default: with no cache configured, a build reads and writes a cache (the Actions cache
// where the runner has it and the builder's BuildKit speaks it, else a registry cache next to the
// image), one scope per image and platform set, and a cache that fails never fails the build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ARCH_DOCKERFILE, BUILDKIT_IMAGE, ENGINE_A_NODE, ENGINE_B_NODE, bedIsUp, makeContext, nodesYaml, uniqueRepo,
} from './helpers/bed.js';
import { startCacheService, type CacheService } from './helpers/cache-service.js';
import { errorLine } from './helpers/log.js';
import { startHttpProxy } from './helpers/http-proxy.js';
import { served } from './helpers/registry.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

// The expensive step: a RUN that takes seconds, under QEMU for arm64.
const WORKLOAD = `${ARCH_DOCKERFILE}RUN ["/bin/busybox", "sh", "-c", "sleep 3; /bin/busybox date > /built"]\n`;
const RUN_ID = { GITHUB_RUN_ID: '3141', GITHUB_REPOSITORY: 'octo/app' };
/** The engine's builder keeps its own cache: emptied, it is a new builder as far as a cache goes. */
const emptyEngineCache = (): void => void spawnSync('docker', ['builder', 'prune', '-af'], { stdio: 'ignore' });
const passed = (run: ActionRun): void => {
  expect(errorLine(run), run.stdout + run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
};
const cacheLine = (run: ActionRun): string =>
  (run.summary.split('\n').find((l) => l.startsWith('build cache:')) ?? '').replace(/<br>$/, '');
/** The expensive step, once per platform, answered from the cache (buildx's progress, on stderr). */
const sleepCached = (run: ActionRun): number =>
  (run.stderr.match(/#\d+ \[[^\]]*\] RUN \["\/bin\/busybox", "sh", "-c", "sleep 3; [^\n]*\n#\d+ CACHED/g) ?? []).length;

describe.skipIf(!bedIsUp())('the build cache, warm by default', () => {
  let service: CacheService;
  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(async () => service.close());

  test('default inputs, twice, each on a new builder: the second build comes from the cache', async () => {
    // The bed's docker-container nodes run BuildKit 0.13: too old for the cache service v2, so a
    // runner that has the service gets the registry cache next to the image.
    const repo = uniqueRepo('warm');
    const inputs = { context: makeContext(WORKLOAD), push: 'true', 'buildkit-image': BUILDKIT_IMAGE };
    const cold = await runAction({ ...inputs, tags: `${repo}:1` }, { env: { ...service.env, ...RUN_ID } });
    passed(cold);
    const ref = `${repo}:buildcache-linux-amd64_linux-arm64`;
    expect(cold.stdout).toContain(`cache: registry ${ref} (a node's BuildKit is older than 0.20, which the cache service ` +
      'v2 needs: a registry cache next to the image, read and written)');
    expect(cacheLine(cold)).toBe(`build cache: registry <code>${ref}</code>: nothing to read yet (a cold build); written`);
    expect((await served(ref)).status).toBe(200);

    const warm = await runAction({ ...inputs, tags: `${repo}:2` }, { env: { ...service.env, ...RUN_ID } });
    passed(warm);
    expect(warm.outputs.builder).not.toBe(cold.outputs.builder);
    expect(cacheLine(warm)).toMatch(new RegExp(`^build cache: registry <code>${ref}</code>: (\\d+) of \\1 steps from the cache; written`));
    expect(sleepCached(cold)).toBe(0);
    expect(sleepCached(warm)).toBe(2); // amd64 and arm64 (emulated): neither ran again
  });

  test('on the engine\'s builder (Docker 28\'s BuildKit): the Actions cache, one scope per image and platforms', async () => {
    const repo = uniqueRepo('gha');
    const inputs = { context: makeContext(WORKLOAD), push: 'true', builder: 'default' };
    emptyEngineCache();
    const cold = await runAction({ ...inputs, tags: `${repo}:1` }, { env: { ...service.env, ...RUN_ID } });
    passed(cold);
    const scope = `${repo}@linux-amd64_linux-arm64`;
    expect(cacheLine(cold)).toMatch(new RegExp(`^build cache: gha <code>${scope}</code>: 0 of \\d+ steps from the cache; written`));
    emptyEngineCache();
    const warm = await runAction({ ...inputs, tags: `${repo}:2` }, { env: { ...service.env, ...RUN_ID } });
    passed(warm);
    expect(cacheLine(warm)).toMatch(new RegExp(`^build cache: gha <code>${scope}</code>: (\\d+) of \\1 steps from the cache`));
    expect([sleepCached(cold), sleepCached(warm)]).toStrictEqual([0, 2]);
    expect(service.entries().filter((e) => e.finalized).map((e) => e.key).join(' ')).toContain(scope);
  });
});

describe.skipIf(!bedIsUp())('who may write the cache', () => {
  test('a pull request from a fork reads the registry cache and never writes it', async () => {
    const payload = join(mkdtempSync(join(tmpdir(), 'mab-event-')), 'event.json');
    writeFileSync(payload, JSON.stringify({ pull_request: { head: { repo: { full_name: 'someone/app' } } } }));
    const tag = `${uniqueRepo('fork')}:pr-1`;
    const run = await runAction({ context: makeContext(WORKLOAD), push: 'true', builder: 'default', tags: tag },
      { env: { ...RUN_ID, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payload } });
    passed(run);
    const ref = `${tag.replace(/:pr-1$/, '')}:buildcache-linux-amd64_linux-arm64`;
    expect(run.stdout).toContain('read only (a pull request from a fork never writes it)');
    const build = run.buildxCalls.find((c) => c[0] === 'build') ?? [];
    expect(build).toEqual(expect.arrayContaining(['--cache-from', `type=registry,ref=${ref}`]));
    expect(build).not.toContain('--cache-to');
    expect((await served(ref)).status).toBe(404); // nothing written
    expect((await served(tag)).status).toBe(200); // the image itself is pushed as asked
  });
});

describe.skipIf(!bedIsUp())('a cache that fails never fails the build', () => {
  test.each([[500], ['gone']] as const)('the cache service %s: a warning naming the cache, the image published', async (fault) => {
    const service = await startCacheService(typeof fault === 'number' ? fault : undefined);
    if (fault === 'gone') await service.close();
    try {
      const tag = `${uniqueRepo('coldcache')}:1`;
      emptyEngineCache();
      const run = await runAction({ context: makeContext(WORKLOAD), push: 'true', builder: 'default', tags: tag },
        { env: { ...service.env, ...RUN_ID } });
      passed(run);
      const scope = `${tag.replace(/:1$/, '')}@linux-amd64_linux-arm64`;
      const why = fault === 500 ? 'internal' : 'connect: connection refused';
      expect(run.stdout).toMatch(new RegExp(`::warning::cache: reading ${scope} failed \\(.*${why}\\); the build ran without it`));
      expect(run.stdout).toMatch(new RegExp(`::warning::cache: writing ${scope} failed \\(.*${why}\\); the image was built`));
      expect(run.outputs.attempts).toBe('1');
      expect(run.outputs.digest).toBe((await served(tag)).digest);
    } finally {
      if (fault !== 'gone') await service.close();
    }
  });

  test('the registry denies the cache tag: a warning naming it, the image published', async () => {
    // A registry whose policy refuses the cache's tag (quota, immutable-tag rules), everything else allowed.
    const proxy = await startHttpProxy({ host: '127.0.0.1', port: 5000 }, (req) =>
      (req.method === 'PUT' && /\/manifests\/buildcache-/.test(req.url ?? '') ? { status: 403,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'tag buildcache-* is not allowed here' }] }) }
        : undefined));
    try {
      const tag = `${proxy.host}/${uniqueRepo('denied').split('/').slice(1).join('/')}:1`;
      const run = await runAction({ context: makeContext(WORKLOAD), push: 'true', builder: 'default', tags: tag });
      passed(run);
      const ref = `${tag.replace(/:1$/, '')}:buildcache-linux-amd64_linux-arm64`;
      expect(run.stdout).toMatch(new RegExp(`::warning::cache: writing ${ref} failed \\(.*(denied|DENIED|403).*\\); ` +
        'the image was built and published as usual'));
      expect(run.outputs.digest).toBe((await served(tag.replace(proxy.host, '127.0.0.1:5000'))).digest);
      expect(proxy.requests.some((r) => r.method === 'PUT' && r.status === 403)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  test('a cache-to of the user\'s own without ignore-error fails the build once, never retried', async () => {
    const service = await startCacheService(500);
    try {
      const tag = `${uniqueRepo('owncache')}:1`;
      const run = await runAction({ context: makeContext(WORKLOAD), push: 'true', builder: 'default', tags: tag,
        'cache-to': 'type=gha,scope=mine', retries: '2', 'retry-delay': '1' }, { env: { ...service.env, ...RUN_ID } });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.attempts).toBe('1');
      expect(errorLine(run)).toContain('not retried: exporting the build cache failed (internal)');
      expect(errorLine(run)).toContain('add ignore-error=true to `cache-to`');
      expect(run.stdout).toContain('cache: yours');
    } finally {
      await service.close();
    }
  });
});

describe.skipIf(!bedIsUp())('fan-out legs and the cache', () => {
  // The bed's engine BuildKit (Debian's build) reports v0.0.0+unknown: not taken to speak the
  // cache service v2, so remote nodes on it get the registry cache.
  test('each leg writes its own scope and reads its sibling\'s, never another platform set\'s', async () => {
    const service = await startCacheService();
    try {
      const repo = uniqueRepo('legs');
      const context = makeContext(WORKLOAD);
      const leg = async (platform: string, endpoint: string): Promise<ActionRun> => runAction({
        context, platforms: platform, image: repo, 'push-by-digest': 'true', 'fan-out-platforms': 'linux/amd64,linux/arm64',
        driver: 'remote', nodes: nodesYaml([{ name: 'native', endpoint, platforms: platform }]),
      }, { env: { ...service.env, ...RUN_ID } });
      const [amdRef, armRef] = [`${repo}:buildcache-linux-amd64`, `${repo}:buildcache-linux-arm64`];
      const amd = await leg('linux/amd64', ENGINE_A_NODE);
      passed(amd);
      const amdCache = await served(amdRef);
      expect([amdCache.status, (await served(armRef)).status]).toStrictEqual([200, 404]);
      const arm = await leg('linux/arm64', ENGINE_B_NODE);
      passed(arm);
      expect(arm.buildxCalls.find((c) => c[0] === 'build')).toEqual(expect.arrayContaining([
        '--cache-from', `type=registry,ref=${armRef}`, '--cache-from', `type=registry,ref=${amdRef}`, '--cache-to',
        `type=registry,ref=${armRef},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`]));
      // The arm64 leg wrote its own scope, and left its sibling's as the amd64 leg wrote it.
      expect((await served(armRef)).status).toBe(200);
      expect((await served(amdRef)).digest).toBe(amdCache.digest);
      expect(arm.stdout).toContain(`cache: registry ${armRef}`);
    } finally {
      await service.close();
    }
  });
});
