// `npm run bench`, the cache with no configuration (`cache: auto`) on the real workload (apt-get +
// gcc, two platforms, arm64 under QEMU):
// 1. the default path (a new docker-container node every run, as every hosted run has): its warm
//    rebuild against its cold build. The bed's nodes run BuildKit 0.13, so this is the registry
//    cache next to the image; the goal is a warm rebuild <= 0.2x the cold build.
// 2. the Actions cache (type=gha, to the loopback cache service) on the engine's builder (Docker
//    28.5.2's BuildKit speaks the service v2), its own cache emptied before every build (a new
//    builder as far as a cache goes): the action against bare buildx given the same gha flags by
//    hand, warm, interleaved; the goal is within 1.1x.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { FIXTURES } from '../__tests__/fixture.js';
import { BUILDKIT_IMAGE, REGISTRY, bedIsUp, uniqueRepo } from '../__tests__/e2e/helpers/bed.js';
import { startCacheService } from '../__tests__/e2e/helpers/cache-service.js';
import { freshNodeBuild, median, timedAction } from './rounds.js';

const ROUNDS = Number(process.env.BENCH_CACHE_ROUNDS ?? 3);
const PLATFORMS = 'linux/amd64,linux/arm64';

/** The workload; `base` replaces its FROM for an engine with no docker.io mirror (loopback only). */
function workload(base?: string): string {
  const context = mkdtempSync(join(tmpdir(), 'mab-bench-cache-'));
  cpSync(join(FIXTURES, 'workload'), context, { recursive: true });
  if (base) {
    const file = join(context, 'Dockerfile');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('FROM debian:bookworm-slim', `FROM ${base}`));
  }
  return context;
}

const emptyEngineCache = (): void => void spawnSync('docker', ['builder', 'prune', '-af'], { stdio: 'ignore' });

/**
 * `docker buildx build` on the engine's builder, its stderr kept for the CACHED count. Not spawnSync:
 * the loopback cache service answers from this very process.
 */
function bareBuild(args: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; cached: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['buildx', 'build', '--progress', 'plain', ...args], { env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => (code === 0
      ? resolve({ seconds: (performance.now() - t0) / 1000, cached: (stderr.match(/^#\d+ CACHED$/gm) ?? []).length })
      : reject(new Error(`bare build failed:\n${stderr.slice(-2000)}`))));
  });
}

const line = (label: string, xs: number[]): string =>
  `  ${label.padEnd(38)}: ${median(xs).toFixed(2)}   (all: ${xs.map((x) => x.toFixed(1)).join(', ')})`;

describe.skipIf(!bedIsUp())('cache: auto on the real workload', () => {
  test('the default path: a warm rebuild on a new builder against the cold build, and against bare buildx', async () => {
    const service = await startCacheService(); // a runner's variables: the plan says why not gha
    const cold: number[] = [];
    const warm: number[] = [];
    const noRecord: number[] = [];
    const bare: number[] = [];
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const repo = uniqueRepo('bench-auto');
        const context = workload();
        const inputs = { context, push: 'true', platforms: PLATFORMS, 'buildkit-image': BUILDKIT_IMAGE,
          'registry-mirrors': `docker.io=http://${REGISTRY}`, cache: 'auto' };
        const env = { ...service.env, GITHUB_RUN_ID: '2718' };
        cold.push((await timedAction({ ...inputs, tags: `${repo}:1` }, { env })).seconds);
        // bare buildx with the flags the plan wrote, by hand, on a fresh node of its own
        const ref = `${repo}:buildcache-linux-amd64_linux-arm64`;
        bare.push(freshNodeBuild(['--platform', PLATFORMS, '--cache-from', `type=registry,ref=${ref}`, '--cache-to',
          `type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`,
          '--tag', `${repo}:bare`, '--push', context]));
        const w = await timedAction({ ...inputs, tags: `${repo}:2` }, { env });
        warm.push(w.seconds);
        noRecord.push((await timedAction({ ...inputs, tags: `${repo}:3` },
          { env: { ...env, DOCKER_BUILD_SUMMARY: 'false' } })).seconds);
        console.log(`round ${i + 1}: ${w.run.summary.split('\n').find((l) => l.startsWith('build cache:')) ?? ''}`);
      }
    } finally {
      await service.close();
    }
    const [c, w, n, b] = [median(cold), median(warm), median(noRecord), median(bare)];
    console.log([`\ncache: auto, the default path (registry cache, a new docker-container node each build), ${ROUNDS} rounds`,
      line('cold build (action)', cold), line('warm rebuild, new builder (action)', warm),
      line('the same, no build record', noRecord), line('bare create + build + rm, same flags', bare),
      `  ratio warm/cold                       : ${(w / c).toFixed(3)}   (goal: <= 0.2)`,
      `  ratio action/bare, warm               : ${(w / b).toFixed(3)}; without the record ${(n / b).toFixed(3)}` +
      '   (goal: within 1.1)'].join('\n'));
  }, 3_600_000);

  test('the Actions cache on the engine\'s builder: the action against bare buildx with the same gha flags', async () => {
    const service = await startCacheService();
    const repo = uniqueRepo('bench-gha');
    const context = workload(`${REGISTRY}/library/debian:bookworm-slim`);
    const scope = `${repo}@linux-amd64_linux-arm64`; // what the action derives
    const flags = ['--cache-from', `type=gha,scope=${scope}`, '--cache-to', `type=gha,scope=${scope},mode=max,ignore-error=true`];
    const env = { ...process.env, ...service.env, GITHUB_RUN_ID: '2719' };
    const bareArgs = ['--builder', 'default', '--platform', PLATFORMS, ...flags, '--tag', `${repo}:bare`, '--push', context];
    try {
      emptyEngineCache();
      const coldBare = await bareBuild(bareArgs, env); // fills the scope
      let cachedSteps = 0;
      const [bare, action, noRecord]: [number[], number[], number[]] = [[], [], []];
      const runAuto = async (extra: Record<string, string>): Promise<number> => (await timedAction({ context,
        push: 'true', tags: `${repo}:action`, builder: 'default', platforms: PLATFORMS, cache: 'auto' },
      { env: { ...service.env, GITHUB_RUN_ID: '2719', ...extra } })).seconds;
      for (let i = 0; i < ROUNDS; i++) { // interleaved, the engine's own cache emptied before each build
        emptyEngineCache();
        const r = await bareBuild(bareArgs, env);
        cachedSteps = r.cached;
        bare.push(r.seconds);
        emptyEngineCache();
        action.push(await runAuto({}));
        emptyEngineCache();
        noRecord.push(await runAuto({ DOCKER_BUILD_SUMMARY: 'false' })); // the same work as bare: no build record
      }
      console.log([`\ncache: auto (gha) on the engine's builder against bare buildx with the same flags, warm, ` +
        `${ROUNDS} interleaved rounds, the engine's cache emptied before each`,
        `  cold bare build filling the scope     : ${coldBare.seconds.toFixed(2)}`,
        line('bare buildx, gha flags by hand', bare), line('action, cache: auto', action),
        line('action, cache: auto, no build record', noRecord),
        `  ratio action/bare                     : ${(median(action) / median(bare)).toFixed(3)}; without the record ` +
        `${(median(noRecord) / median(bare)).toFixed(3)}   (goal: within 1.1)`,
        `  ratio warm/cold (bare)                : ${(median(bare) / coldBare.seconds).toFixed(3)}; ` +
        `${cachedSteps} steps CACHED in the last bare build`].join('\n'));
    } finally {
      await service.close();
    }
  }, 3_600_000);
});
