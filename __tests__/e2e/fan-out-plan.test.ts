// `mode: plan` through the built action, as the plan job of a fan-out runs it: the matrix out, a
// summary of which platform runs where and why, and no docker process at all. Needs no engine.
import { describe, expect, test } from 'vitest';
import { runAction } from './helpers/run-action.js';

describe('mode plan', () => {
  test('the matrix of a fan-out, with a self-hosted runner, and nothing run', async () => {
    const run = await runAction({ mode: 'plan', platforms: 'linux/amd64,linux/arm64,linux/riscv64,linux/s390x',
      runners: 'linux/riscv64: [self-hosted, riscv64]' }, { post: false });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs.matrix ?? '')).toEqual({ include: [
      { platform: 'linux/amd64', runner: 'ubuntu-24.04', emulated: false, slug: 'linux-amd64' },
      { platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', emulated: false, slug: 'linux-arm64' },
      { platform: 'linux/riscv64', runner: ['self-hosted', 'riscv64'], emulated: false, slug: 'linux-riscv64' },
      { platform: 'linux/s390x', runner: 'ubuntu-24.04', emulated: true, slug: 'linux-s390x' },
    ] });
    expect(run.summary).toContain('no runner of its own: the default runner');
    expect(run.summary).toContain('runners: linux/riscv64');
    expect(run.buildxCalls).toEqual([]);
    expect(run.dockerCalls).toEqual([]);
    console.log(`mode plan: ${run.seconds.toFixed(3)} s, process start to exit`);
  });

  test('a runners map that is not YAML of labels fails naming the input', async () => {
    const run = await runAction({ mode: 'plan', runners: 'linux/arm64: [two words]' }, { post: false });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Input "runners": "linux/arm64" maps to no runs-on label');
  });
});
