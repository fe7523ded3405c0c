// Where a build's time went, read from what buildx already prints: its plain progress output
// names each step (`#8 [linux/arm64 build 2/3] RUN make`, the platform first when the stage has
// one) and ends it with `#8 DONE 84.3s`. No extra process: the lines are read as they stream.
import { readProgressLine } from './progress-line.js';

export interface StepTiming {
  platform: string;
  /** The step as the Dockerfile has it, without the platform: `[build 2/3] RUN make`. */
  name: string;
  seconds: number;
}

/**
 * Collects step timings from progress lines, one at a time (steps interleave). BuildKit may print
 * a step again after its DONE: one step, its last time.
 */
export class StepTimings {
  private readonly started = new Map<string, { platform: string; name: string }>();
  private readonly done = new Map<string, StepTiming>();

  get steps(): StepTiming[] {
    return [...this.done.values()];
  }

  line(text: string): void {
    const seen = readProgressLine(text);
    if (seen?.kind === 'header' && seen.platform && !seen.stage.includes('internal')) {
      this.started.set(seen.step, { platform: seen.platform, name: `[${seen.stage}] ${seen.command}` });
    }
    const step = seen?.kind === 'done' ? this.started.get(seen.step) : undefined;
    if (seen?.kind === 'done' && step) this.done.set(seen.step, { ...step, seconds: seen.seconds });
  }
}

export interface EmulationTax {
  /** Per platform, its slowest steps, slowest first. */
  slowest: Record<string, StepTiming[]>;
  /** Steps that ran natively and emulated: the emulated/native ratio. */
  pairs: { name: string; emulated: StepTiming; native: StepTiming; ratio: number }[];
  emulatedSeconds: number;
  totalSeconds: number;
}

export function emulationTax(
  steps: readonly StepTiming[],
  emulated: readonly string[],
  top = 3,
): EmulationTax {
  const isEmulated = (s: StepTiming): boolean => emulated.includes(s.platform);
  const platforms = [...new Set(steps.map((s) => s.platform))];
  const slowest = Object.fromEntries(platforms.map((p) => [p,
    steps.filter((s) => s.platform === p).sort((a, b) => b.seconds - a.seconds).slice(0, top)]));
  const pairs = steps.filter(isEmulated).flatMap((e) => {
    const native = steps.find((n) => !isEmulated(n) && n.name === e.name && n.seconds > 0);
    return native ? [{ name: e.name, emulated: e, native, ratio: e.seconds / native.seconds }] : [];
  }).sort((a, b) => b.emulated.seconds - a.emulated.seconds);
  const sum = (xs: readonly StepTiming[]): number => xs.reduce((t, s) => t + s.seconds, 0);
  return { slowest, pairs, emulatedSeconds: sum(steps.filter(isEmulated)), totalSeconds: sum(steps) };
}

/** Emulated steps dominate: more than half the step time, and enough of it to matter. */
export function emulationDominates(tax: EmulationTax): boolean {
  return tax.emulatedSeconds >= 10 && tax.emulatedSeconds > tax.totalSeconds / 2;
}

/** The notice users get when emulation dominates: the ways out, the one that helps most first. */
export function emulationNotice(tax: EmulationTax, emulated: readonly string[]): string {
  const share = Math.round((100 * tax.emulatedSeconds) / tax.totalSeconds);
  const list = emulated.join(', ');
  const took = `${tax.emulatedSeconds.toFixed(1)} s of ${tax.totalSeconds.toFixed(1)} s (${share} %)`;
  return `emulated steps took ${took} ` +
    `under QEMU (${list}). Ways out: a native node for ${list} (\`nodes\`, or a matrix leg on a runner of that ` +
    'architecture); or cross-compile in a `FROM --platform=$BUILDPLATFORM` stage and copy the result into the ' +
    'target stage';
}
