// The legs of a fan-out, as `mode: plan` decides them and the matrix carries them.

export interface Leg {
  /** The platform (or, grouped, the platforms, comma-separated) the leg builds. */
  platform: string;
  /** What `runs-on` gets: a label or a list of labels. */
  runner: string | string[];
  /** The leg builds (some of) its platforms under QEMU: the runner is of another architecture. */
  emulated: boolean;
  /** A name for the leg's job and artifacts. */
  slug: string;
  /** Why this runner: the pattern that chose it. */
  why: string;
  /** A bake's target the leg builds (a fan-out of a bake: a leg per target and platform). */
  target?: string;
}

/** The `matrix` output: what `strategy.matrix` takes. */
export function matrixOf(legs: readonly Leg[]): string {
  return JSON.stringify({
    include: legs.map(({ platform, runner, emulated, slug: s, target }) =>
      ({ platform, runner, emulated, slug: s, ...(target ? { target } : {}) })),
  });
}
