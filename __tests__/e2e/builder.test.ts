// The builder the action creates: remote nodes on two engines, and every way a node fails to boot.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { errorLine } from './helpers/log.js';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  ARCH_DOCKERFILE, DEAD_NODE, ENGINE_A_NODE, ENGINE_B_NODE, ENGINE_B_SOCKET, OLD_BUILDX, ROOT, bedIsUp,
  buildersLeft, engineBBuildsSince, makeContext, nodesYaml, uniqueRepo,
} from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

const twoEngines = nodesYaml([
  { name: 'amdnode', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' },
  { name: 'armnode', endpoint: ENGINE_B_NODE, platforms: 'linux/arm64' },
]);
const withDeadNode = nodesYaml([
  { name: 'amdnode', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' },
  { name: 'deadnode', endpoint: DEAD_NODE, platforms: 'linux/arm64' },
]);

const builds = (run: ActionRun): string[][] => run.buildxCalls.filter((c) => c[0] === 'build');

/** The step failed naming the dead node, built nothing, and the post step removed the builder. */
function expectDeadNodeFailure(run: ActionRun): void {
  expect(run.exitCode).toBe(1);
  expect(errorLine(run)).toMatch(/deadnode \(tcp:\/\/127\.0\.0\.1:9\): inactive/);
  expect(errorLine(run)).not.toContain('amdnode');
  expect(builds(run)).toEqual([]);
  const diagnostics = run.stdout.slice(run.stdout.indexOf('::group::Diagnostics'));
  expect(diagnostics).toMatch(/node deadnode \(tcp:\/\/127\.0\.0\.1:9\): inactive/);
  expect(diagnostics).toMatch(/node amdnode \(tcp:\/\/127\.0\.0\.1:7001\): running, BuildKit v/);
  expect(run.post?.exitCode).toBe(0);
  expect(buildersLeft(run.env.DOCKER_CONFIG as string)).toEqual([]);
}

describe.skipIf(!bedIsUp())('a builder the action creates', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  test('remote nodes on two engines build one index; the post step removes the builder', async () => {
    const tag = `${uniqueRepo('remote')}:1`;
    const before = new Date();
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', driver: 'remote', nodes: twoEngines,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const index = await served(tag);
    expect(run.outputs.digest).toBe(index.digest);
    expect(JSON.parse(run.outputs.digests ?? '')).toEqual(servedPlatforms(index));
    expect(engineBBuildsSince(before)).toBe(1); // the arm64 half ran on engine B's node
    // The summary: per platform its digest, compressed size, node, native or emulated, attempts.
    expect(run.summary).toMatch(/<tr><td>linux\/arm64<\/td><td><code>sha256:[0-9a-f]{64}<\/code><\/td><td>[\d.]+ (KiB|MiB)<\/td><td>armnode<\/td><td>native<\/td><td>1<\/td>/);
    expect(run.summary).toMatch(/<tr><td>linux\/amd64<\/td>.*?<td>amdnode<\/td><td>native<\/td>/);

    const nodes = JSON.parse(run.outputs.nodes ?? '[]') as { name: string; status: string }[];
    expect(nodes.map((n) => [n.name, n.status])).toEqual([['amdnode', 'running'], ['armnode', 'running']]);
    expect(run.outputs.builder).toMatch(/^multiarch-/);
    const build = builds(run)[0] ?? [];
    expect(build).toEqual(expect.arrayContaining(['--builder', run.outputs.builder, '--network', 'host']));
    expect(build.join(' ')).toContain('--allow network.host');
    expect(run.post?.exitCode).toBe(0);
    expect(buildersLeft(run.env.DOCKER_CONFIG as string)).toEqual([]);
  });

  test('host-network false grants nothing', async () => {
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), driver: 'remote', nodes: twoEngines, 'host-network': 'false',
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const argv = run.buildxCalls.flat();
    expect(argv).not.toContain('network.host');
    expect(argv).not.toContain('--network');
  });

  // A platform no running node serves must not silently become a smaller image (or a dead
  // native node a QEMU build): the step stops after boot, before any build.
  test('a platform no running node serves is refused by name, and nothing is built', async () => {
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), driver: 'remote', nodes: twoEngines, qemu: 'false',
      platforms: 'linux/amd64,linux/mips64le', tags: `${uniqueRepo('coverage')}:1`, push: 'true',
    });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toMatch(/no running builder node serves linux\/mips64le \(nodes serve .*linux\/amd64.*\)\. Fix: /);
    expect(builds(run)).toEqual([]);
    expect(run.post?.exitCode).toBe(0);
    expect(buildersLeft(run.env.DOCKER_CONFIG as string)).toEqual([]);
  });

  test('a dead node fails the step naming it, within boot-timeout and its retries', async () => {
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), driver: 'remote', nodes: withDeadNode,
      'boot-timeout': '5', 'boot-retries': '1',
    });
    expectDeadNodeFailure(run);
    expect(errorLine(run)).toContain('after 2 attempts');
    expect(run.stdout).toContain('boot attempt 1 of 2 failed (deadnode');
    // 2 attempts of 5 s and a 2 s pause, plus the process starts; buildx alone waits ~20 s.
    expect(run.seconds).toBeLessThan(16);
  });

  // A firewall that drops, a half-dead host: the endpoint accepts TCP and never answers. buildx
  // waits 20 s for it in `create --append` and again in `inspect`; the step must not.
  test('a node that accepts and never answers: failed within boot-timeout + 5 s, named', async () => {
    const held = new Set<Socket>();
    const hole = createServer((s) => void held.add(s));
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    stops.push(() => {
      for (const s of held) s.destroy();
      hole.close();
    });
    const endpoint = `tcp://127.0.0.1:${(hole.address() as AddressInfo).port}`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), driver: 'remote', 'boot-timeout': '10', 'boot-retries': '0',
      nodes: nodesYaml([{ name: 'amdnode', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' },
        { name: 'holenode', endpoint, platforms: 'linux/arm64' }]),
    });
    console.log(`a silent node: the step failed after ${run.seconds.toFixed(1)} s`);
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toContain(`holenode (${endpoint})`);
    expect(errorLine(run)).not.toContain('amdnode');
    expect(builds(run)).toEqual([]);
    expect(run.seconds, run.stdout).toBeLessThan(10 + 5);
    expect(run.post?.exitCode).toBe(0);
    expect(buildersLeft(run.env.DOCKER_CONFIG as string)).toEqual([]);
  });

  test('buildx 0.13.1 with a node that can never boot: still fails naming it', async () => {
    const run = await runAction(
      { context: makeContext(ARCH_DOCKERFILE), driver: 'remote', nodes: withDeadNode, 'boot-retries': '0' },
      { wrapper: { realBuildx: OLD_BUILDX } },
    );
    expectDeadNodeFailure(run);
  });

  test('a buildx that exits 0 when only some nodes booted does not fool the gate', async () => {
    const run = await runAction(
      { context: makeContext(ARCH_DOCKERFILE), driver: 'remote', nodes: withDeadNode, 'boot-retries': '0' },
      { wrapper: { forceBootstrapExit0: true } },
    );
    expectDeadNodeFailure(run);
  });

  test('docker-container with an image the registry lacks: fails at once naming the node', async () => {
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), driver: 'docker-container',
      'buildkit-image': '127.0.0.1:5000/no-such/buildkit:missing',
      nodes: `- name: local-a\n- name: local-b\n  endpoint: ${ENGINE_B_SOCKET}`,
    });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toMatch(/local-a \(unix:\/\/\/var\/run\/docker\.sock\): inactive/);
    expect(errorLine(run)).toMatch(/local-b \(unix:\/\/\/var\/run\/docker2\.sock\): inactive/);
    expect(errorLine(run)).toMatch(/not found/);
    expect(errorLine(run)).toContain('after 1 attempt'); // a missing image is not retried
    expect(builds(run)).toEqual([]);
    expect(run.post?.exitCode).toBe(0);
    expect(buildersLeft(run.env.DOCKER_CONFIG as string)).toEqual([]);
  });

  test('a node that refuses connections for its first 25 s comes up on a boot retry', async () => {
    const port = 7005;
    const timer = setTimeout(() => {
      const bridge = spawn(process.execPath, [join(ROOT, 'scripts/engine-bridge.mjs'), String(port),
        '/var/run/docker2.sock'], { stdio: 'ignore' });
      stops.push(() => bridge.kill());
    }, 25_000);
    stops.push(() => clearTimeout(timer));
    const tag = `${uniqueRepo('late')}:1`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', driver: 'remote',
      nodes: nodesYaml([
        { name: 'amdnode', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' },
        { name: 'latenode', endpoint: `tcp://127.0.0.1:${port}`, platforms: 'linux/arm64' },
      ]),
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('boot attempt 1 of 3 failed (latenode');
    expect(run.buildxCalls.filter((c) => c.includes('--bootstrap'))).toHaveLength(2);
    expect((await served(tag)).digest).toBe(run.outputs.digest);
  });

  test('two runs at once with the same run and job: no collision, nothing left', async () => {
    const env = { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build', RUNNER_NAME: 'self-hosted-1' };
    const context = makeContext(ARCH_DOCKERFILE);
    const one = () => runAction(
      { context, tags: `${uniqueRepo('twin')}:1`, push: 'true', driver: 'remote', nodes: twoEngines }, { env });
    const [a, b] = await Promise.all([one(), one()]);
    for (const run of [a, b]) {
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.outputs.builder).toMatch(/^multiarch-self-hosted-1-42-1-build-[0-9a-f]{8}$/);
      expect(buildersLeft(run.env.DOCKER_CONFIG as string)).toEqual([]);
    }
    expect(a.outputs.builder).not.toBe(b.outputs.builder);
  });
});
