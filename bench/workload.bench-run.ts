// `npm run bench`, the real workload: `FROM debian:bookworm-slim`, apt-get installing a compiler,
// a C program compiled per platform (arm64 under QEMU), on a fresh docker-container node each
// time, as a fresh CI runner has it. The action (main + post) against the bare buildx sequence
// doing the same (create --bootstrap, build, rm), interleaved, for: a cold build, a warm rebuild
// from a registry cache on a NEW builder, and a rebuild after a one-line source change.
// Prints medians and ratios (action/bare) and the emulated share of the cold build.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { FIXTURES } from '../__tests__/fixture.js';
import { BUILDKIT_IMAGE, REGISTRY, bedIsUp, uniqueRepo } from '../__tests__/e2e/helpers/bed.js';
import { freshNodeBuild, interleaved, median, timedAction } from './rounds.js';

const ROUNDS = Number(process.env.BENCH_WORKLOAD_ROUNDS ?? 3);
const PLATFORMS = 'linux/amd64,linux/arm64';
const MIRROR = `http://${REGISTRY}`;

interface Case { context: string; tag: string; cache?: string }

/** docker's own sequence, bare: a fresh node, the build, the node removed. */
function bare(c: Case): number {
  return freshNodeBuild(['--platform', PLATFORMS, ...(c.cache ? ['--cache-from', `type=registry,ref=${c.cache}`,
    '--cache-to', `type=registry,ref=${c.cache},mode=max`] : []), '--tag', c.tag, '--push', c.context]);
}

/** The action, main + post; also returns the emulated share its notice reports. */
async function action(c: Case): Promise<{ seconds: number; emulatedShare?: number }> {
  const { seconds, run } = await timedAction({
    context: c.context, tags: c.tag, push: 'true', platforms: PLATFORMS, 'buildkit-image': BUILDKIT_IMAGE,
    'registry-mirrors': `docker.io=${MIRROR}`,
    ...(c.cache
      ? { 'cache-from': `type=registry,ref=${c.cache}`, 'cache-to': `type=registry,ref=${c.cache},mode=max` }
      : {}),
  });
  const share = /emulated steps took [\d.]+ s of [\d.]+ s \((\d+) %25\)/.exec(run.stdout)?.[1];
  return share === undefined ? { seconds } : { seconds, emulatedShare: Number(share) };
}

function workloadContext(): string {
  const context = mkdtempSync(join(tmpdir(), 'mab-bench-wl-'));
  cpSync(join(FIXTURES, 'workload'), context, { recursive: true });
  return context;
}

function report(title: string, b: number[], a: number[], goal: string, extra = ''): void {
  const [mb, ma] = [median(b), median(a)];
  console.log([
    `\n${title}, ${b.length} interleaved rounds (seconds, median)`,
    `  bare create --bootstrap + build + rm : ${mb.toFixed(2)}   (all: ${b.map((x) => x.toFixed(1)).join(', ')})`,
    `  action main + post                   : ${ma.toFixed(2)}   (all: ${a.map((x) => x.toFixed(1)).join(', ')})`,
    `  ratio action/bare                    : ${(ma / mb).toFixed(3)}   (goal: ${goal})${extra}`,
  ].join('\n'));
}

describe.skipIf(!bedIsUp())('the real workload: apt-get + gcc, two platforms, arm64 emulated', () => {
  test('a cold build on a fresh builder', async () => {
    const shares: number[] = [];
    // A new context and repository each time: nothing cached anywhere but the base image.
    const fresh = (): Case => ({ context: workloadContext(), tag: `${uniqueRepo('bench-cold')}:1` });
    const { bare: b, action: a } = await interleaved(ROUNDS, () => bare(fresh()), async () => {
      const r = await action(fresh());
      if (r.emulatedShare !== undefined) shares.push(r.emulatedShare);
      return r.seconds;
    });
    report('cold build', b, a, 'within 1.02', `\n  emulated share of the step time (the action's notice): ${
      shares.length ? `${median(shares)} %` : 'no notice'}`);
  }, 3_600_000);

  test('a warm rebuild from a registry cache on a new builder', async () => {
    const context = workloadContext();
    const cache = `${uniqueRepo('bench-warm')}:cache`;
    const tag = `${uniqueRepo('bench-warm')}:1`;
    bare({ context, tag, cache }); // fills the cache
    const { bare: b, action: a } = await interleaved(ROUNDS, () => bare({ context, tag, cache }),
      async () => (await action({ context, tag, cache })).seconds);
    report('warm rebuild, cache-from/cache-to a registry cache, new builder', b, a, 'within 1.1');
  }, 3_600_000);

  test('a rebuild after a one-line source change', async () => {
    const context = workloadContext();
    const cache = `${uniqueRepo('bench-change')}:cache`;
    const tag = `${uniqueRepo('bench-change')}:1`;
    bare({ context, tag, cache });
    const source = join(context, 'hello.c');
    const original = readFileSync(source, 'utf8');
    let n = 0;
    // Each build sees a line it has never seen: the compile and what follows run, apt stays cached.
    const change = (): void => writeFileSync(source, `${original}/* change ${++n} ${Date.now()} */\n`);
    const { bare: b, action: a } = await interleaved(ROUNDS, () => bare({ context, tag, cache }),
      async () => (await action({ context, tag, cache })).seconds, change);
    report('rebuild after a one-line change, registry cache, new builder', b, a, 'within 1.1');
  }, 3_600_000);
});
