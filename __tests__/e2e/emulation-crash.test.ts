// QEMU crashes under an emulated RUN (arm64 on this amd64 bed, the kernel's real binfmt handler):
// named as QEMU's, with the QEMU in use and the fixes; a native failure of the same Dockerfile is
// the ordinary RUN error; a step whose first process crashed (QEMU waits forever as the container's
// init) is stopped after its silence, nothing is pushed and nothing is left running; a healthy
// emulated step that stays silent longer than that is left alone.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { BUILDKIT_IMAGE, bedIsUp, buildersLeft, makeContext, uniqueRepo } from './helpers/bed.js';
import { errorLine } from './helpers/log.js';
import { served } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';

const RUN = (script: string): string => `FROM scratch
ARG TARGETARCH
ADD rootfs-\${TARGETARCH}.tar /
RUN ["/bin/busybox", "sh", "-c", ${JSON.stringify(script)}]
`;
/** A child process of the step dies of SIGSEGV: on arm64 only, or everywhere. */
const CHILD_CRASH_ON_ARM = RUN('echo start; if [ "$(uname -m)" = aarch64 ]; then sh -c \'kill -SEGV $$\' && true; fi');
const CHILD_CRASH = RUN('echo start; sh -c \'kill -SEGV $$\' && echo never');

/** Processes whose command line holds `marker`, other than this search. */
function running(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', marker], { encoding: 'utf8' }).trim().split('\n')
      .filter((l) => l !== '' && !l.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe.skipIf(!bedIsUp())('QEMU crashes under emulated RUN steps', () => {
  test('a child process crashing under QEMU on arm64: the QEMU diagnosis, one retry, nothing pushed', async () => {
    const tag = `${uniqueRepo('qemu-crash')}:1`;
    const run = await runAction({
      context: makeContext(CHILD_CRASH_ON_ARM), builder: 'default', platforms: 'linux/amd64,linux/arm64',
      tags: tag, push: 'true', 'retry-delay': '1',
    });
    expect(run.exitCode).toBe(1);
    const error = errorLine(run);
    console.log(error);
    expect(error).toMatch(/failed \(2 attempts, transient \(a step crashed under QEMU emulation, which may pass once more\), still failing after 2 attempts\)/);
    expect(error).toContain('crashed under QEMU emulation on linux/arm64: Segmentation fault ' +
      '(qemu: uncaught target signal 11 (Segmentation fault) - core dumped)');
    expect(error).toMatch(/QEMU in use: qemu-aarch64 version \d+\.\d+/);
    expect(error).toContain('from the runner\'s qemu-user-static');
    expect(error).toContain('Fix: try a known-good QEMU: set `qemu-image` to a pinned release');
    expect(error).toContain('build linux/arm64 natively: `mode: plan` with `runners`');
    expect(run.outputs.attempts).toBe('2');
    expect(run.stdout).toMatch(/attempt 1 of 3 failed, transient \(a step crashed under QEMU emulation/);
    expect(run.summary).toMatch(/<td>2<\/td><td>[\d.]+<\/td><td>\[2\/2\] RUN .* crashed under QEMU emulation on linux\/arm64/);
    expect((await served(tag)).status).toBe(404);
  });

  test('one Dockerfile whose child crashes: under QEMU on arm64 the diagnosis, natively on amd64 the ordinary RUN error',
    async () => {
      const context = makeContext(CHILD_CRASH);
      const arm = await runAction({ context, builder: 'default', platforms: 'linux/arm64', 'retry-delay': '1' });
      expect(arm.exitCode).toBe(1);
      expect(errorLine(arm)).toContain('crashed under QEMU emulation on linux/arm64: Segmentation fault');
      const run = await runAction({ context, builder: 'default', platforms: 'linux/amd64', 'retry-delay': '1' });
      expect(run.exitCode).toBe(1);
      const error = errorLine(run);
      expect(error).toMatch(/failed \(1 attempt, not retried: a RUN step exited non-zero\): .*exit code: 139/);
      expect(error).not.toMatch(/qemu/i);
      expect(run.stdout).not.toMatch(/crashed under QEMU/);
    });

  test('a first process crashing under QEMU never ends: stopped after its silence, within two minutes', async () => {
    const marker = `crash-${randomBytes(4).toString('hex')}`;
    const tag = `${uniqueRepo('qemu-hang')}:1`;
    const run = await runAction({
      context: makeContext(RUN(`echo ${marker}; kill -SEGV $$; echo survived`)), platforms: 'linux/arm64',
      tags: tag, push: 'true', 'buildkit-image': BUILDKIT_IMAGE, 'retry-delay': '1',
    });
    console.log(`first-process crash: the step ended after ${run.seconds.toFixed(1)} s`);
    expect(run.exitCode).toBe(1);
    expect(run.seconds).toBeLessThan(120);
    const error = errorLine(run);
    expect(error).toContain('crashed under QEMU emulation on linux/arm64: Segmentation fault');
    expect(error).toContain('no progress for 20s after the crash, the step was stopped');
    expect(error).toContain('Fix: try a known-good QEMU');
    expect(run.outputs.attempts).toBe('2');
    expect((await served(tag)).status).toBe(404);
    expect(run.post?.exitCode).toBe(0);
    expect(buildersLeft(run.env.DOCKER_CONFIG ?? '')).toEqual([]);
    expect(running(marker)).toEqual([]);
    expect(running(`buildx.*${tag}`)).toEqual([]);
  });

  test('a healthy emulated step silent for longer than the grace period passes', async () => {
    const tag = `${uniqueRepo('qemu-slow')}:1`;
    const run = await runAction({
      context: makeContext(RUN('echo start; sleep 25; uname -m > /arch')), builder: 'default',
      platforms: 'linux/arm64', tags: tag, push: 'true', 'no-cache': 'true',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.seconds).toBeGreaterThan(25);
    expect(run.outputs.attempts).toBe('1');
    expect((await served(tag)).digest).toBe(run.outputs.digest);
  });
});
