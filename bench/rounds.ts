// What every bench does: the bare commands and the action, one after the other, round after
// round (so drift on the machine hits both alike), and the median of each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILDKIT_IMAGE, REGISTRY } from '../__tests__/e2e/helpers/bed.js';
import { runAction, type ActionRun, type RunOptions } from '../__tests__/e2e/helpers/run-action.js';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export interface Rounds {
  bare: number[];
  action: number[];
}

/** `rounds` interleaved timings (seconds) of each side; `before` runs ahead of each, outside its time. */
export async function interleaved(
  rounds: number,
  bare: () => number,
  action: () => Promise<number>,
  before: () => void = () => undefined,
): Promise<Rounds> {
  const times: Rounds = { bare: [], action: [] };
  for (let i = 0; i < rounds; i++) {
    before();
    times.bare.push(bare());
    before();
    times.action.push(await action());
  }
  return times;
}

/** `docker buildx ARGS`, throwing with buildx's last words when it fails. */
export function buildx(...args: string[]): void {
  const r = spawnSync('docker', ['buildx', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`docker buildx ${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
}

/** How long `fn` takes, in seconds. */
export function secondsOf(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

/** The action, main + post as the runner runs them, timed (no cache unless asked); throws on a failure. */
export async function timedAction(
  inputs: Record<string, string>,
  opts: RunOptions = {},
): Promise<{ seconds: number; run: ActionRun }> {
  const t0 = performance.now();
  // The cache is off unless a bench asks for one: the bare side configures none either.
  const run = await runAction({ cache: 'off', ...inputs }, { record: false, ...opts });
  if (run.exitCode !== 0 || (opts.post !== false && run.post?.exitCode !== 0)) {
    throw new Error(`action failed:\n${run.stdout.slice(-3000)}`);
  }
  return { seconds: (performance.now() - t0) / 1000, run };
}

// What the action gives its node for `registry-mirrors: docker.io=http://127.0.0.1:5000`.
const mirrorConfig = join(mkdtempSync(join(tmpdir(), 'mab-bench-node-')), 'buildkitd.toml');
writeFileSync(mirrorConfig, `[registry."docker.io"]\n  mirrors = ["${REGISTRY}"]\n\n[registry."${REGISTRY}"]\n  http = true\n`);

/**
 * docker's own sequence, bare, as a fresh runner runs it: a docker-container node created with the
 * host network and the loopback docker.io mirror, `buildx build ARGS` on it, the node removed.
 */
export function freshNodeBuild(buildArgs: string[]): number {
  const name = `bench-${Date.now().toString(36)}`;
  return secondsOf(() => {
    buildx('create', '--name', name, '--driver', 'docker-container', '--driver-opt', `image=${BUILDKIT_IMAGE}`,
      '--driver-opt', 'network=host', '--buildkitd-flags', '--allow-insecure-entitlement network.host',
      '--buildkitd-config', mirrorConfig, '--bootstrap');
    try {
      buildx('build', '--builder', name, '--network', 'host', '--allow', 'network.host', ...buildArgs);
    } finally {
      buildx('rm', name);
    }
  });
}
