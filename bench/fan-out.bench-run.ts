// The fan-out shape against one step, on the real workload (apt-get + gcc, two platforms), cold, a
// fresh docker-container node each time: one step building both platforms, against one leg per
// platform run at once (amd64 on engine A, arm64 on engine B standing in for an arm runner) and
// then the merge. Caveat: the bed has no arm64 CPU, so its arm64 leg still runs under QEMU, and
// both legs share two cores; the per-platform step times the legs report give the arithmetic for
// hosted runners (each leg on a runner of its own, arm64 native).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { FIXTURES } from '../__tests__/fixture.js';
import { BUILDKIT_IMAGE, ENGINE_B_SOCKET, REGISTRY, bedIsUp, uniqueRepo } from '../__tests__/e2e/helpers/bed.js';
import { startCacheService } from '../__tests__/e2e/helpers/cache-service.js';
import { median, timedAction } from './rounds.js';

const ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 2);
const common = { 'buildkit-image': BUILDKIT_IMAGE, 'registry-mirrors': `docker.io=http://${REGISTRY}` };

function context(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mab-bench-fan-'));
  cpSync(join(FIXTURES, 'workload'), dir, { recursive: true });
  return dir;
}

/** Seconds of the slowest step, per platform, from the summary's "slowest steps". */
const stepSeconds = (summary: string): string => [...summary.matchAll(/<tr><td>(linux\/\w+)<\/td><td><code>[^<]*<\/code><\/td><td>([\d.]+)<\/td>/g)]
  .map((m) => `${m[1]} ${m[2]} s`).slice(0, 2).join(', ');

test.skipIf(!bedIsUp())('fan-out (legs at once + merge) vs one step, cold', async () => {
  const cache = await startCacheService();
  const one: number[] = [];
  const fan: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const single = await timedAction({ ...common, context: context(), tags: `${uniqueRepo('one')}:1`, push: 'true',
        platforms: 'linux/amd64,linux/arm64' });
      one.push(single.seconds);
      const image = uniqueRepo('fan');
      const env = { ...cache.env, GITHUB_RUN_ID: `9${i}${Date.now() % 1000}` };
      const ctx = context();
      const t0 = performance.now();
      const legs = await Promise.all([
        timedAction({ ...common, context: ctx, image, platforms: 'linux/amd64', 'push-by-digest': 'true' }, { env }),
        timedAction({ ...common, context: ctx, image, platforms: 'linux/arm64', 'push-by-digest': 'true' },
          { env: { ...env, DOCKER_HOST: ENGINE_B_SOCKET } }),
      ]);
      await timedAction({ mode: 'merge', image, platforms: 'linux/amd64,linux/arm64', tags: `${image}:1` }, { env });
      fan.push((performance.now() - t0) / 1000);
      console.log(`round ${i + 1}: one step ${single.seconds.toFixed(1)} s (${stepSeconds(single.run.summary)}); ` +
        `legs ${legs.map((l) => l.seconds.toFixed(1)).join(' s, ')} s, fan-out with merge ${fan.at(-1)?.toFixed(1)} s`);
    }
  } finally {
    await cache.close();
  }
  console.log(`\nfan-out vs one step, ${ROUNDS} rounds (median): one step ${median(one).toFixed(2)} s, ` +
    `fan-out ${median(fan).toFixed(2)} s, ratio ${(median(fan) / median(one)).toFixed(3)}`);
});
