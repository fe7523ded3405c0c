// `npm run bench`: the action (main + post) against bare `docker buildx build` on the same warm
// two-platform build with the engine's own builder, interleaved in one run. Prints medians and
// the action's own time (action minus bare). Measures; asserts nothing about time.
import { spawnSync } from 'node:child_process';
import { test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, makeContext, uniqueRepo } from '../__tests__/e2e/helpers/bed.js';
import { runAction } from '../__tests__/e2e/helpers/run-action.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

test.skipIf(!bedIsUp())('own time on a warm build, builder default', async () => {
  const context = makeContext(ARCH_DOCKERFILE);
  const tag = `${uniqueRepo('bench')}:warm`;
  const inputs = { context, tags: tag, push: 'true', builder: 'default', platforms: 'linux/amd64,linux/arm64' };
  const bare = (): number => {
    const t0 = performance.now();
    const r = spawnSync('docker', ['buildx', 'build', '--builder', 'default', '--platform', inputs.platforms,
      '--tag', tag, '--push', context], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error('bare buildx build failed');
    return (performance.now() - t0) / 1000;
  };
  const action = async (): Promise<number> => {
    const t0 = performance.now();
    const run = await runAction(inputs, { record: false });
    if (run.exitCode !== 0 || run.post?.exitCode !== 0) throw new Error(`action failed:\n${run.stdout}`);
    return (performance.now() - t0) / 1000;
  };

  bare(); // warm the cache and the registry
  await action();
  const times = { bare: [] as number[], action: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    times.bare.push(bare());
    times.action.push(await action());
  }
  const [b, a] = [median(times.bare), median(times.action)];
  const fmt = (x: number): string => x.toFixed(3).padStart(7);
  console.log([
    `\nwarm two-platform build + push, builder default, ${ROUNDS} interleaved rounds (seconds, median)`,
    `  bare docker buildx build : ${fmt(b)}   (min ${fmt(Math.min(...times.bare))}, max ${fmt(Math.max(...times.bare))})`,
    `  action main + post       : ${fmt(a)}   (min ${fmt(Math.min(...times.action))}, max ${fmt(Math.max(...times.action))})`,
    `  action's own time        : ${fmt(a - b)}   ratio action/bare ${(a / b).toFixed(2)}`,
  ].join('\n'));
});
