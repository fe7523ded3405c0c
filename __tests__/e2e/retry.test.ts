// Retries against real faults: a fault-injecting proxy in front of the loopback registry resets,
// answers 503 or stalls for a window longer than BuildKit's own blob retries (1, 2, 4 s).
import { execFileSync, spawn } from 'node:child_process';
import { errorLine } from './helpers/log.js';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, ENGINE_A_NODE, ROOT, bedIsUp, makeContext, nodesYaml, uniquePath } from './helpers/bed.js';
import { startFaultProxy, type Fault, type FaultProxy } from './helpers/fault-proxy.js';
import { served } from './helpers/registry.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

const buildCalls = (run: ActionRun): string[][] => run.buildxCalls.filter((c) => c[0] === 'build');
const unique = (): string => `${uniquePath('app')}:1`;

describe.skipIf(!bedIsUp())('retries of transient failures', () => {
  let proxy: FaultProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  async function pushThrough(fault: Fault, windowMs: number, inputs: Record<string, string>) {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: 5000 }, fault, windowMs);
    const repo = unique();
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true',
      tags: `127.0.0.1:${proxy.port}/${repo}`, 'retry-delay': '3', ...inputs,
    });
    return { run, direct: `127.0.0.1:5000/${repo}` };
  }

  test('connections reset for 10 s: a retry passes, and every attempt ran the identical argv', async () => {
    const { run, direct } = await pushThrough('reset', 10_000, {});
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const builds = buildCalls(run);
    expect(builds.length).toBeGreaterThan(1);
    expect(run.outputs.attempts).toBe(String(builds.length));
    for (const argv of builds) expect(argv).toEqual(builds[0]);
    expect(run.stdout).toMatch(/attempt 1 of 3 failed, transient \(connection reset\)/);
    expect(run.summary).toContain('build attempts');
    expect((await served(direct)).digest).toBe(run.outputs.digest);
    expect(proxy?.faulted()).toBeGreaterThan(0);
    // A retry reuses the builder's cache: it repeats only the push that failed.
    const seconds = [...run.summary.matchAll(/<tr><td>(\d+)<\/td><td>([\d.]+)<\/td>/g)].map((m) => Number(m[2]));
    console.log(`attempt durations (s): ${seconds.join(', ')}`);
    expect(seconds.at(-1)).toBeLessThan(seconds[0] as number);
  });

  // A retry that silently runs a different build is the bug this action exists to avoid: every
  // attempt must carry every flag, the ones that change what is built included.
  test('a retry of a build with no-cache, a build arg, a secret and cache flags runs the identical argv', async () => {
    const cache = `127.0.0.1:5000/${unique()}-cache`;
    const { run, direct } = await pushThrough('reset', 10_000, {
      'no-cache': 'true', 'build-args': 'FLAVOUR=retried', secrets: 'token=retry-secret',
      'cache-from': `type=registry,ref=${cache}`, 'cache-to': 'type=inline', platforms: 'linux/amd64',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const builds = buildCalls(run);
    expect(builds.length).toBeGreaterThan(1);
    for (const argv of builds) {
      expect(argv).toEqual(builds[0]);
      expect(argv).toContain('--no-cache');
      expect(argv.join(' ')).toContain('--build-arg FLAVOUR=retried');
      expect(argv.join(' ')).toContain('--secret id=token,env=MULTIARCH_BUILD_SECRET_0');
      expect(argv.join(' ')).toContain(`--cache-from type=registry,ref=${cache}`);
      expect(argv.join(' ')).toContain('--cache-to type=inline');
    }
    expect((await served(direct)).digest).toBe(run.outputs.digest);
  });

  test('with retries 0 the same fault fails once, names the transient cause, and publishes nothing', async () => {
    const { run, direct } = await pushThrough('reset', 10_000, { retries: '0' });
    expect(run.exitCode).toBe(1);
    expect(errorLine(run)).toMatch(/1 attempt, transient \(connection reset\), retries is 0\): .*connection reset by peer/);
    expect(buildCalls(run)).toHaveLength(1);
    expect(run.outputs.attempts).toBe('1');
    expect((await served(direct)).status).toBe(404);
  });

  test('503 for 10 s: retried until it passes', async () => {
    const { run, direct } = await pushThrough('503', 10_000, {});
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(Number(run.outputs.attempts)).toBeGreaterThan(1);
    expect(run.stdout).toMatch(/attempt 1 of 3 failed, transient \(server error \(5xx\)\)/);
    expect((await served(direct)).digest).toBe(run.outputs.digest);
  });

  test('stalled connections: attempt-timeout stops the attempt, the next one passes', async () => {
    const { run, direct } = await pushThrough('stall', 12_000,
      { 'attempt-timeout': '8', 'retry-delay': '6', retries: '1' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/attempt 1 of 2 failed, transient \(attempt timed out\): attempt-timeout of 8s reached/);
    expect((await served(direct)).digest).toBe(run.outputs.digest);
  });

  test('a RUN step that exits 3 is attempted once', async () => {
    const run = await runAction({
      context: makeContext(`${ARCH_DOCKERFILE}RUN ["/bin/busybox", "sh", "-c", "echo connection reset by peer; exit 3"]\n`),
      builder: 'default', platforms: 'linux/amd64', retries: '2',
    });
    expect(run.exitCode).toBe(1);
    expect(buildCalls(run)).toHaveLength(1);
    expect(errorLine(run)).toContain('not retried: a RUN step exited non-zero');
    expect(errorLine(run)).toContain('exit code: 3');
    // The diagnostics group: versions, the builder, the handlers and the build's last lines.
    const diagnostics = run.stdout.slice(run.stdout.indexOf('::group::Diagnostics'));
    expect(diagnostics).toMatch(/buildx: github\.com\/docker\/buildx/);
    expect(diagnostics).toMatch(/binfmt handlers: .*qemu-aarch64 \(enabled, flags \w*F/);
    expect(diagnostics).toContain('last lines of the build');
  });

  test('a base image that does not exist: attempted once, named, and nothing is published', async () => {
    const tag = `127.0.0.1:5000/${unique()}`;
    const run = await runAction({
      context: makeContext('FROM 127.0.0.1:5000/no-such/base:1\nRUN ["/bin/busybox", "true"]\n'),
      builder: 'default', platforms: 'linux/amd64', tags: tag, push: 'true',
    });
    expect(run.exitCode).toBe(1);
    expect(buildCalls(run)).toHaveLength(1);
    expect(errorLine(run)).toMatch(/not retried: an image or file does not exist\): .*127\.0\.0\.1:5000\/no-such\/base:1: not found/);
    expect((await served(tag)).status).toBe(404);
  });

  test('attempt-timeout on a RUN that sleeps: stopped on time, nothing left running', async () => {
    const marker = 300 + Math.floor(Math.random() * 600); // a sleep only this test runs
    let seen = false; // positive control: the sleeper really ran on the host during the attempt
    const run = await runAction({
      context: makeContext(`${ARCH_DOCKERFILE}RUN ["/bin/busybox", "sleep", "${marker}"]\n`),
      builder: 'default', platforms: 'linux/amd64', 'attempt-timeout': '6', retries: '1', 'retry-delay': '1',
    }, { onTick: () => { seen ||= sleepersRunning(marker).length > 0; } });
    expect(seen).toBe(true);
    expect(run.exitCode).toBe(1);
    expect(buildCalls(run)).toHaveLength(2);
    expect(errorLine(run)).toMatch(/2 attempts, transient \(attempt timed out\), still failing after 2 attempts\): attempt-timeout of 6s/);
    expect(run.seconds).toBeLessThan(6 + 1.2 + 6 + 8);
    await new Promise((r) => setTimeout(r, 2000)); // the cancellation reaches the engine
    expect(sleepersRunning(marker)).toEqual([]);
  });
});

function sleepersRunning(seconds: number): string[] {
  try {
    return execFileSync('pgrep', ['-af', `sleep ${seconds}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe.skipIf(!bedIsUp())('a node lost mid-build', () => {
  test('its connection drops during a RUN: the attempt is transient, and the retry passes', async () => {
    const port = 7006;
    const startBridge = () => spawn(process.execPath, [join(ROOT, 'scripts/engine-bridge.mjs'), String(port),
      '/var/run/docker2.sock'], { stdio: 'ignore' });
    let bridge = startBridge();
    await new Promise((r) => setTimeout(r, 300));
    // Drop the arm64 node's connection while its RUN sleeps, then bring the node back.
    const drop = setTimeout(() => {
      bridge.kill();
      setTimeout(() => (bridge = startBridge()), 500);
    }, 3000);
    try {
      const tag = `127.0.0.1:5000/${unique()}`;
      const run = await runAction({
        context: makeContext(`${ARCH_DOCKERFILE}ARG NONCE=${Date.now()}\nRUN ["/bin/busybox", "sleep", "4"]\n`),
        driver: 'remote', tags: tag, push: 'true', retries: '1', 'retry-delay': '2',
        nodes: nodesYaml([
          { name: 'amdnode', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' },
          { name: 'armnode', endpoint: `tcp://127.0.0.1:${port}`, platforms: 'linux/arm64' },
        ]),
      });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      // buildx words it `rpc error: code = Unavailable ...` or `Unavailable: error reading from server:
      // EOF`: what matters is that it was taken as transient, retried, and passed.
      expect(run.stdout).toMatch(/attempt 1 of 2 failed, transient \(connection lost\)/);
      expect(buildCalls(run)).toHaveLength(2);
      expect((await served(tag)).digest).toBe(run.outputs.digest);
    } finally {
      clearTimeout(drop);
      bridge.kill();
    }
  });
});
