// Runs the built action (dist) the way the runner does: INPUT_* variables, the GITHUB_OUTPUT,
// GITHUB_STATE and GITHUB_STEP_SUMMARY files, then the post step with the saved state.
// buildx is reached through a recording pass-through wrapper (a CLI plugin in a private
// DOCKER_CONFIG) that logs each argv and then runs the real buildx: a record, not a mock.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemBuildx } from '../../../src/buildx/command.js';
import { parseFileCommands } from '../../../src/cli/cli-args.js';
import { ROOT } from './bed.js';
import { actionNode } from './action-node.js';

export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ActionRun extends StepResult {
  /** Every argv the step ran cosign with (with `cosign` in the run options). */
  cosignCalls: string[][];
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  post?: StepResult;
  /** Every buildx invocation's argv, in order. */
  buildxCalls: string[][];
  /** Every `docker` process the action started (argv after `docker`), in order. */
  dockerCalls: string[][];
  dir: string;
  /** The environment the steps ran with. */
  env: Record<string, string>;
  /** Seconds the main step took. */
  seconds: number;
}

export interface RunOptions {
  env?: Record<string, string>;
  post?: boolean;
  /** The docker config.json the run sees (e.g. registry logins), beside the recording wrapper. */
  dockerConfig?: object;
  /** false: buildx runs without the recording wrapper (for timing). */
  record?: boolean;
  wrapper?: WrapperOptions;
  /**
   * While the main step runs, called every 50 ms with its process (e.g. to sample process command
   * lines, or to cancel the step as the runner does).
   */
  onTick?: (main: ChildProcess) => void;
  /** A cosign for the steps, on PATH behind a wrapper that records its argv (`cosignCalls`). */
  cosign?: string;
  /** The workspace the steps run in (GITHUB_WORKSPACE); default the run's own folder. */
  workspace?: string;
}

/** The real buildx behind the wrappers: the system's plugin binary, found as the action finds it. */
export const REAL_BUILDX = systemBuildx() ?? '/usr/libexec/docker/cli-plugins/docker-buildx';

export interface WrapperOptions {
  /** The buildx binary behind the wrapper (e.g. the bed's buildx 0.13.1). */
  realBuildx?: string;
  /** Make `inspect --bootstrap` exit 0 whatever happened: the partial-boot bug of buildx < 0.22. */
  forceBootstrapExit0?: boolean;
}

export function recordingDockerConfig(dir: string, opts: WrapperOptions = {}): string {
  const config = join(dir, 'docker-config');
  mkdirSync(join(config, 'cli-plugins'), { recursive: true });
  const wrapper = join(config, 'cli-plugins', 'docker-buildx');
  const real = opts.realBuildx ?? REAL_BUILDX;
  const run = opts.forceBootstrapExit0
    ? `case " $* " in *" inspect "*"--bootstrap"*) "${real}" "$@"; exit 0;; esac\nexec "${real}" "$@"`
    : `exec "${real}" "$@"`;
  writeFileSync(wrapper, `#!/bin/sh
{ printf '%s\\0' "$@"; printf '\\036'; } >> "${join(dir, 'buildx-calls')}"
${run}
`);
  chmodSync(wrapper, 0o755);
  return config;
}

/** The docker CLI the action finds on PATH, behind a recording wrapper that runs the real one. */
function recordingDockerBin(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  let real = '/usr/bin/docker';
  try {
    real = execFileSync('which', ['docker'], { encoding: 'utf8' }).trim() || real;
  } catch {
    // no docker here (a bed-free run): the wrapper records a call and fails as a missing docker would
  }
  recordingWrapper(bin, 'docker', real, join(dir, 'docker-calls'));
  return bin;
}

/** `bin/NAME`: records each argv into `calls`, then runs `real`. */
function recordingWrapper(bin: string, name: string, real: string, calls: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh
{ printf '%s\\0' "$@"; printf '\\036'; } >> "${calls}"
exec "${real}" "$@"
`);
  chmodSync(join(bin, name), 0o755);
}

/** The argv of the step's last `buildx build` (after it, the build record's export may run). */
export const lastBuild = (run: ActionRun): string[] | undefined => run.buildxCalls.filter((c) => c[0] === 'build').at(-1);

export async function runAction(inputs: Record<string, string>, opts: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'mab-run-'));
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' };
  const bin = recordingDockerBin(dir);
  if (opts.cosign) recordingWrapper(bin, 'cosign', opts.cosign, join(dir, 'cosign-calls'));
  const base: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: process.env.HOME ?? '/root',
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace ?? dir, // where the runner runs steps from
  };
  if (opts.record !== false) base.DOCKER_CONFIG = recordingDockerConfig(dir, opts.wrapper);
  if (opts.dockerConfig && base.DOCKER_CONFIG) {
    writeFileSync(join(base.DOCKER_CONFIG, 'config.json'), JSON.stringify(opts.dockerConfig));
  }
  for (const [k, f] of Object.entries(files)) {
    base[k] = join(dir, f);
    writeFileSync(base[k] as string, '');
  }
  for (const [name, value] of Object.entries(inputs)) base[`INPUT_${name.toUpperCase()}`] = value;
  const env = { ...base, ...opts.env };

  const t0 = performance.now();
  const cwd = opts.workspace ?? dir;
  const main = await runNode(env, cwd, opts.onTick);
  const seconds = (performance.now() - t0) / 1000;
  const state = parseFileCommands(read(env.GITHUB_STATE));
  const result: ActionRun = {
    ...main,
    outputs: parseFileCommands(read(env.GITHUB_OUTPUT)),
    state,
    summary: read(env.GITHUB_STEP_SUMMARY),
    buildxCalls: parseCalls(read(join(dir, 'buildx-calls'))),
    dockerCalls: parseCalls(read(join(dir, 'docker-calls'))),
    cosignCalls: parseCalls(read(join(dir, 'cosign-calls'))),
    dir,
    env,
    seconds,
  };
  if (opts.post !== false) {
    const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
    result.post = await runNode({ ...env, ...stateEnv }, cwd);
  }
  return result;
}

/** One step, run from `cwd` as the runner runs steps from the workspace. */
function runNode(env: Record<string, string>, cwd: string, onTick?: (main: ChildProcess) => void):
  Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(actionNode(), [join(ROOT, 'dist/index.js')], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const tick = onTick ? setInterval(() => onTick(child), 50) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (tick) clearInterval(tick);
      resolve({ exitCode: code ?? -1, stdout, stderr });
    });
  });
}

function read(file: string | undefined): string {
  return file && existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function parseCalls(text: string): string[][] {
  return text.split('\x1e').filter((c) => c !== '').map((c) => c.split('\0').slice(0, -1));
}
