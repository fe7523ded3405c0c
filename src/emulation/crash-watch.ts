// Watches a build's progress for QEMU crashing under a RUN step. A crashed emulated step fails with
// a diagnosis that names QEMU, the platform and the fixes instead of "exit code: 139"; a step whose
// first process crashed never ends (QEMU, as the container's init, cannot die of the signal it
// raises and waits forever), so one that stays silent for `graceMs` after QEMU's crash line is
// stopped. A slow emulated step that prints no crash line is never stopped.
import { readProgressLine } from '../buildx/progress-line.js';
import type { AttemptWatch, Explained } from '../buildx/attempt-watch.js';
import { hostPlatforms } from '../shared/platform.js';
import { qemuCrashIn, type QemuCrash } from './qemu-crash.js';
import { qemuFix, qemuInUse, type QemuInUse } from './qemu-in-use.js';

/** Silence after QEMU's crash line before the step is taken as hung. */
export const CRASH_GRACE_MS = 20_000;

/** RUN steps that exit with these codes died of SIGILL or SIGSEGV. */
const SIGNAL_EXITS = new Set([132, 139]);

export interface WatchContext {
  /** The platforms this build emulates; a step's platform is one of them or native. */
  emulated: readonly string[];
  /** The build's platforms: a step header names none when the build has one. */
  platforms: readonly string[];
  /** Which QEMU runs a platform's steps, read when a crash needs naming. */
  qemuFor: (platform: string) => Promise<QemuInUse>;
  graceMs?: number;
}

interface Step {
  platform?: string;
  name: string;
  crash?: QemuCrash;
  ended?: 'done' | 'error' | 'canceled';
  exitCode?: number;
}

export class CrashWatch implements AttemptWatch {
  private readonly steps = new Map<string, Step>();
  /** One silence clock per crashed step that has not ended. */
  private readonly clocks = new Map<string, NodeJS.Timeout>();
  private hung: string | undefined;

  constructor(private readonly ctx: WatchContext, private readonly stop: () => void) {}

  line(text: string): void {
    const seen = readProgressLine(text);
    if (!seen) return;
    if (seen.kind === 'header') {
      const known = this.steps.get(seen.step);
      const platform = seen.platform ? { platform: seen.platform } : {};
      this.steps.set(seen.step, { ...known, name: `[${seen.stage}] ${seen.command}`, ...platform });
      return;
    }
    const step = this.steps.get(seen.step);
    if (!step || seen.kind === 'vertex' || seen.kind === 'cached') return; // a status line, or no run at all
    if (seen.kind === 'output') {
      const crash = qemuCrashIn(seen.text);
      if (crash && !step.crash) step.crash = crash;
      if (step.crash && !step.ended) this.arm(seen.step);
      return;
    }
    step.ended = seen.kind;
    if (seen.kind === 'error') {
      const code = /exit code: (\d+)/.exec(seen.message);
      if (code) step.exitCode = Number(code[1]);
    }
    this.disarm(seen.step);
  }

  /** (Re)starts the silence clock of a crashed step: any line of the step starts it again. */
  private arm(step: string): void {
    this.disarm(step);
    const clock = setTimeout(() => {
      this.hung ??= step;
      this.stop();
    }, this.ctx.graceMs ?? CRASH_GRACE_MS);
    clock.unref();
    this.clocks.set(step, clock);
  }

  private disarm(step: string): void {
    clearTimeout(this.clocks.get(step));
    this.clocks.delete(step);
  }

  end(): void {
    for (const step of [...this.clocks.keys()]) this.disarm(step);
  }

  async explain({ stopped }: { stopped: boolean; errorText: string }): Promise<Explained | undefined> {
    const hung = stopped ? this.steps.get(this.hung ?? '') : undefined;
    const failed = hung ?? [...this.steps.values()].find((s) => s.ended === 'error' && this.crashedUnderQemu(s));
    if (!failed) return undefined;
    const platforms = this.platformsOf(failed);
    const qemu = await Promise.all(platforms.map((p) => this.ctx.qemuFor(p)));
    const where = platforms.length === 1 ? platforms[0] : `one of ${platforms.join(', ')}`;
    const what = failed.crash ? `${failed.crash.what} (${failed.crash.line})`
      : `exit code ${failed.exitCode} while the same step passed natively`;
    const silence = Math.round((this.ctx.graceMs ?? CRASH_GRACE_MS) / 1000);
    const line = `${failed.name} crashed under QEMU emulation on ${where}: ${what}` +
      `${hung ? `; no progress for ${silence}s after the crash, the step was stopped` : ''}; ` +
      `QEMU in use: ${qemu.map((q) => q.description).join('; ')}`;
    const intermittent = failed.crash ? failed.crash.intermittent : failed.exitCode === 139;
    return {
      line,
      verdict: {
        transient: intermittent,
        ...(intermittent ? { maxAttempts: 2 } : {}),
        reason: `a step crashed under QEMU emulation${intermittent ? ', which may pass once more' : ''}`,
        fix: qemuFix(platforms, qemu, failed.crash),
      },
    };
  }

  /** QEMU's own crash line, or a signal's exit code on an emulated platform where the native step passed. */
  private crashedUnderQemu(step: Step): boolean {
    if (step.crash) return true;
    const emulated = step.platform !== undefined && this.ctx.emulated.includes(step.platform);
    if (!emulated || !SIGNAL_EXITS.has(step.exitCode ?? 0)) return false;
    return [...this.steps.values()].some((s) => s !== step && s.name === step.name && s.ended === 'done' &&
      s.platform !== undefined && !this.ctx.emulated.includes(s.platform));
  }

  /**
   * The platform a crashed step ran on: its header's, else the build's one platform, else the
   * emulated ones (QEMU ran it, so it was one of them).
   */
  private platformsOf(step: Step): string[] {
    if (step.platform) return [step.platform];
    if (this.ctx.platforms.length === 1) return [...this.ctx.platforms];
    return this.ctx.emulated.length > 0 ? [...this.ctx.emulated] : [...this.ctx.platforms];
  }
}

/**
 * A watch per attempt of a build of `platforms`. `emulated` is what the QEMU stage set up; for a
 * builder the action leaves to itself it is empty, and every platform the runner cannot run is taken
 * as emulated.
 */
export function crashWatch(platforms: readonly string[], emulated: readonly string[], qemuImage: string):
  (stop: () => void) => AttemptWatch {
  const foreign = emulated.length > 0 ? emulated : platforms.filter((p) => !hostPlatforms().includes(p));
  const qemuFor = (p: string): Promise<QemuInUse> => qemuInUse(p, qemuImage);
  return (stop) => new CrashWatch({ emulated: foreign, platforms, qemuFor }, stop);
}
