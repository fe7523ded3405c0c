// The QEMU stage against the kernel's real binfmt_misc: a missing arm64 handler is installed
// (here from the host's qemu-user-static, as the binfmt image is not pullable on the bed),
// verified, and the arm64 RUN then runs under it. The handler is always put back afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { errorLine } from './helpers/log.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, dockerRun, makeContext, uniqueRepo } from './helpers/bed.js';
import { startCacheService } from './helpers/cache-service.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { runAction } from './helpers/run-action.js';

const HANDLER = '/proc/sys/fs/binfmt_misc/qemu-aarch64';
const MISSING_IMAGE = '127.0.0.1:5000/no-such/binfmt:missing';

function removeHandler(): void {
  if (existsSync(HANDLER)) writeFileSync(HANDLER, '-1');
  expect(existsSync(HANDLER)).toBe(false);
}


describe.skipIf(!bedIsUp())('QEMU handlers', () => {
  afterEach(() => {
    // Put Debian's handler back, whatever a test left (none, disabled, or the binfmt image's).
    if (existsSync(HANDLER) && !readFileSync(HANDLER, 'utf8').includes('/usr/libexec/qemu-binfmt/')) removeHandler();
    if (!existsSync(HANDLER)) execFileSync('update-binfmts', ['--enable', 'qemu-aarch64']);
    if (readFileSync(HANDLER, 'utf8').startsWith('disabled')) writeFileSync(HANDLER, '1');
  });

  test('handlers already there: nothing installed, arm64 marked emulated', async () => {
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('QEMU handlers present for linux/arm64');
    expect(run.outputs['qemu-platforms']).toBe('linux/arm64');
    expect(run.summary).toMatch(/<tr><td>linux\/arm64<\/td>(<td>[^<]*<\/td>){3}<td>emulated \(QEMU\)/);
    expect(run.summary).toMatch(/<tr><td>linux\/amd64<\/td>(<td>[^<]*<\/td>){3}<td>native/);
  });

  test('a missing handler is installed from the host when the binfmt image cannot run', async () => {
    removeHandler();
    const tag = `${uniqueRepo('qemu')}:1`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/arm64', tags: tag, push: 'true',
      'qemu-image': MISSING_IMAGE,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`installing QEMU handlers for linux/arm64 with ${MISSING_IMAGE}`);
    // The recorder of docker processes sees the action's `docker run` (bad-inputs.test.ts relies on it).
    expect(run.dockerCalls).toContainEqual(['run', '--rm', '--privileged', MISSING_IMAGE, '--install', 'arm64']);
    expect(run.stdout).toMatch(/::warning::.*could not run.*trying the host's qemu-user-static/);
    expect(readFileSync(HANDLER, 'utf8')).toMatch(/^enabled\n[\s\S]*flags: \w*F/);
    expect(run.outputs['qemu-platforms']).toBe('linux/arm64');
    expect(dockerRun(tag, 'linux/arm64', '/bin/busybox', 'cat', '/arch')).toBe('aarch64');
  });

  test('a disabled handler is enabled again', async () => {
    writeFileSync(HANDLER, '0');
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/arm64', 'qemu-image': MISSING_IMAGE,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(HANDLER, 'utf8')).toMatch(/^enabled/);
  });

  test('no way to install it: fails naming the platform, before any build', async () => {
    removeHandler();
    const run = await runAction(
      { context: makeContext(ARCH_DOCKERFILE), builder: 'default', 'qemu-image': MISSING_IMAGE },
      { env: { PATH: '/usr/local/bin:/usr/bin:/bin' } }, // no update-binfmts (/usr/sbin)
    );
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('no QEMU handler for linux/arm64');
    expect(run.buildxCalls.filter((c) => c[0] === 'build')).toEqual([]);
  });

  test('qemu false with no handler: the build fails with "exec format error" and the fix', async () => {
    removeHandler();
    const run = await runAction({
      context: makeContext(`${ARCH_DOCKERFILE}ARG NONCE=${Date.now()}\nRUN ["/bin/busybox", "true"]\n`),
      builder: 'default', platforms: 'linux/arm64', qemu: 'false',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout + run.stderr).toContain('exec format error');
    expect(errorLine(run.stdout)).toContain('Fix: a platform ran without a QEMU handler');
  });

  test('the binfmt image: pulled once and cached; a warm run with the upstream down loads it from the cache',
    async () => {
      const cache = await startCacheService();
      // The upstream: the loopback registry behind a proxy that counts connections, on a fixed port
      // so that the image reference (and the cache key) is the same on both runs.
      let upstream = await startFaultProxy({ host: '127.0.0.1', port: 5000 }, 'reset', 0, 5077);
      const ref = '127.0.0.1:5077/bed/binfmt:1';
      const fresh = (): void => {
        removeHandler();
        spawnSync('docker', ['image', 'rm', '-f', ref], { stdio: 'ignore' });
      };
      try {
        const inputs = { context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/arm64',
          'qemu-image': ref };
        const env = { ...cache.env, GITHUB_RUN_ID: '11' };
        fresh();
        const cold = await runAction(inputs, { env });
        expect(cold.exitCode, cold.stdout + cold.stderr).toBe(0);
        expect(cold.stdout).toContain(`${ref}: pulled`);
        expect(upstream.connections()).toBeGreaterThan(0);
        expect(cold.stdout).not.toContain("trying the host's qemu-user-static");
        expect(readFileSync(HANDLER, 'utf8')).toContain('interpreter /usr/bin/qemu-aarch64-static'); // the image's

        fresh();
        await upstream.close(); // the hub is down, or rate-limits
        const warm = await runAction(inputs, { env: { ...env, GITHUB_RUN_ID: '12' } });
        expect(warm.exitCode, warm.stdout + warm.stderr).toBe(0);
        expect(warm.stdout).toMatch(new RegExp(`${ref.replace(/[.]/g, '\\.')}: loaded from the Actions cache \\(sha256:`));
        expect(readFileSync(HANDLER, 'utf8')).toContain('interpreter /usr/bin/qemu-aarch64-static');
        upstream = await startFaultProxy({ host: '127.0.0.1', port: 5000 }, 'reset', 0, 5077);
        const before = upstream.connections();
        // Present in the engine now: the next run makes no upstream request at all.
        removeHandler();
        const third = await runAction(inputs, { env: { ...env, GITHUB_RUN_ID: '13' } });
        expect(third.exitCode).toBe(0);
        expect(upstream.connections()).toBe(before);
      } finally {
        await upstream.close();
        await cache.close();
      }
    });
});
