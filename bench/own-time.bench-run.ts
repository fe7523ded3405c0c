// `npm run bench`: the action (main + post) against bare `docker buildx build` on the same warm
// two-platform build with the engine's own builder, interleaved in one run. Prints medians and
// the action's own time (action minus bare). Measures; asserts nothing about time.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import {
  ARCH_DOCKERFILE, BUILDKIT_IMAGE, ENGINE_A_NODE, ENGINE_B_NODE, bedIsUp, makeContext, nodesYaml, uniqueRepo,
} from '../__tests__/e2e/helpers/bed.js';
import { REAL_BUILDX, runAction } from '../__tests__/e2e/helpers/run-action.js';
import { buildx, interleaved, median, secondsOf, timedAction } from './rounds.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

test.skipIf(!bedIsUp())('own time on a warm build, builder default', async () => {
  const context = makeContext(ARCH_DOCKERFILE);
  const tag = `${uniqueRepo('bench')}:warm`;
  const inputs = { context, tags: tag, push: 'true', builder: 'default', platforms: 'linux/amd64,linux/arm64' };
  const bare = (): number => secondsOf(() => buildx('build', '--builder', 'default', '--platform', inputs.platforms,
    '--tag', tag, '--push', context));
  const action = async (): Promise<number> => (await timedAction(inputs)).seconds;

  bare(); // warm the cache and the registry
  await action();
  const times = await interleaved(ROUNDS, bare, action);
  const [b, a] = [median(times.bare), median(times.action)];
  const fmt = (x: number): string => x.toFixed(3).padStart(7);
  console.log([
    `\nwarm two-platform build + push, builder default, ${ROUNDS} interleaved rounds (seconds, median)`,
    `  bare docker buildx build : ${fmt(b)}   (min ${fmt(Math.min(...times.bare))}, max ${fmt(Math.max(...times.bare))})`,
    `  action main + post       : ${fmt(a)}   (min ${fmt(Math.min(...times.action))}, max ${fmt(Math.max(...times.action))})`,
    `  action's own time        : ${fmt(a - b)}   ratio action/bare ${(a / b).toFixed(2)}`,
  ].join('\n'));
});

test.skipIf(!bedIsUp())('setup + teardown of a two-node builder the action creates', async () => {
  const context = makeContext(ARCH_DOCKERFILE);
  const tag = `${uniqueRepo('bench-nodes')}:warm`;
  const nodes = nodesYaml([
    { name: 'amd', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' },
    { name: 'arm', endpoint: ENGINE_B_NODE, platforms: 'linux/arm64' },
  ]);
  // The bare side builds on a builder made once, outside the timing.
  const name = `bench-${Date.now().toString(36)}`;
  buildx('create', '--name', name, '--driver', 'remote', '--node', 'amd', '--platform', 'linux/amd64', ENGINE_A_NODE);
  buildx('create', '--name', name, '--append', '--node', 'arm', '--platform', 'linux/arm64', ENGINE_B_NODE);
  buildx('inspect', '--bootstrap', name);
  try {
    const bare = (): number => secondsOf(() => buildx('build', '--builder', name, '--platform',
      'linux/amd64,linux/arm64', '--network', 'host', '--allow', 'network.host', '--tag', tag, '--push', context));
    const action = async (): Promise<number> =>
      (await timedAction({ context, tags: tag, push: 'true', driver: 'remote', nodes })).seconds;
    bare();
    await action();
    const times = await interleaved(Math.max(3, Math.floor(ROUNDS / 2)), bare, action);
    const [b, a] = [median(times.bare), median(times.action)];
    console.log([
      '\nwarm two-platform build + push on two remote nodes (seconds, median)',
      `  bare build on a ready builder        : ${b.toFixed(3)}`,
      `  action: create + boot + build + remove: ${a.toFixed(3)}`,
      `  setup + teardown + own time          : ${(a - b).toFixed(3)}   (setup-buildx-action, 2 nodes: 2.45, LAB.md)`,
    ].join('\n'));
  } finally {
    buildx('rm', '--force', name);
  }
});

// The default path: one docker-container node created, booted, built on and removed, against
// docker's own sequence for the same thing, run bare. Each side starts a fresh node (its cache
// empty), with the BuildKit image already in the engine.
test.skipIf(!bedIsUp())('the default path: create + boot + build + remove a docker-container node', async () => {
  const context = makeContext(ARCH_DOCKERFILE);
  const tag = `${uniqueRepo('bench-default')}:warm`;
  const platforms = 'linux/amd64,linux/arm64';
  const bare = (): number => {
    const name = `bench-dc-${Date.now().toString(36)}`;
    return secondsOf(() => {
      buildx('create', '--name', name, '--driver', 'docker-container', '--driver-opt', `image=${BUILDKIT_IMAGE}`,
        '--driver-opt', 'network=host', '--buildkitd-flags', '--allow-insecure-entitlement network.host', '--bootstrap');
      buildx('build', '--builder', name, '--platform', platforms, '--network', 'host', '--allow', 'network.host',
        '--tag', tag, '--push', context);
      buildx('rm', name);
    });
  };
  const action = async (): Promise<number> =>
    (await timedAction({ context, tags: tag, push: 'true', platforms, 'buildkit-image': BUILDKIT_IMAGE })).seconds;
  bare();
  await action();
  const times = await interleaved(Math.max(3, Math.floor(ROUNDS / 2)), bare, action);
  const [b, a] = [median(times.bare), median(times.action)];
  console.log([
    '\nthe default path, two platforms, fresh docker-container node each time (seconds, median)',
    `  bare create --bootstrap + build + rm : ${b.toFixed(3)}   (min ${Math.min(...times.bare).toFixed(3)})`,
    `  action main + post                   : ${a.toFixed(3)}   (min ${Math.min(...times.action).toFixed(3)})`,
    `  action's own time                    : ${(a - b).toFixed(3)}   ratio ${(a / b).toFixed(2)}  (target <= 0.3 s)`,
  ].join('\n'));
});

test.skipIf(!bedIsUp())('start to first buildx call, dead-node failure, merge of 4 platforms', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mab-bench-'));
  // A wrapper that stamps the time of each buildx call, then runs the real buildx.
  const config = join(dir, 'docker-config');
  mkdirSync(join(config, 'cli-plugins'), { recursive: true });
  writeFileSync(join(config, 'cli-plugins', 'docker-buildx'),
    `#!/bin/sh\ndate +%s%N >> ${dir}/stamps\nexec ${REAL_BUILDX} "$@"\n`, { mode: 0o755 });
  const context = makeContext(ARCH_DOCKERFILE);
  const firstCall: number[] = [];
  for (let i = 0; i < 5; i++) {
    rmSync(join(dir, 'stamps'), { force: true });
    const t0 = Date.now();
    const run = await runAction({ context, builder: 'default', platforms: 'linux/amd64' },
      { record: false, post: false, env: { DOCKER_CONFIG: config } });
    if (run.exitCode !== 0) throw new Error(run.stdout);
    const first = Number(readFileSync(join(dir, 'stamps'), 'utf8').split('\n')[0]) / 1e6;
    firstCall.push(first - t0);
  }

  const t1 = performance.now();
  const dead = await runAction({
    context, driver: 'remote', 'boot-timeout': '10', 'boot-retries': '0',
    nodes: nodesYaml([{ name: 'amd', endpoint: ENGINE_A_NODE }, { name: 'dead', endpoint: 'tcp://127.0.0.1:9' }]),
  }, { record: false });
  const deadSeconds = (performance.now() - t1) / 1000;
  if (dead.exitCode === 0) throw new Error('a dead node did not fail the step');

  // Four per-platform images, then one merge into an index of four.
  const repo = uniqueRepo('bench-merge');
  const platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/ppc64le'];
  const scratch = makeContext('FROM scratch\nARG TARGETPLATFORM\nCOPY Dockerfile /built-for\n');
  for (const p of platforms) {
    buildx('build', '--builder', 'default', '--platform', p, '--provenance', 'false',
      '--tag', `${repo}:${p.replaceAll('/', '-')}`, '--push', scratch);
  }
  const { seconds: mergeSeconds } = await timedAction({ mode: 'merge', tags: `${repo}:all`,
    platforms: platforms.join(','), sources: platforms.map((p) => `${repo}:${p.replaceAll('/', '-')}`).join('\n') });

  console.log([
    '\nstart-up, failure and merge (seconds)',
    `  process start to first buildx call (median of 5): ${(median(firstCall) / 1000).toFixed(3)}`,
    `  dead node, boot-timeout 10, boot-retries 0     : ${deadSeconds.toFixed(2)}  (setup-buildx-action: 21.5)`,
    `  merge of 4 platforms into one index (verified) : ${mergeSeconds.toFixed(2)}`,
  ].join('\n'));
});
