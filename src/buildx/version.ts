// `buildx version`, asked once per run and binary: the argv (the Git query form) and the
// diagnostics both read it. A probe is short: a buildx that does not answer is not waited for.
import { runBuildx, type Buildx } from './command.js';
import { finalError } from './final-error.js';

const asked = new Map<string, Promise<string>>();

/** buildx's own line (`github.com/docker/buildx v0.29.1 ...`); throws when it cannot tell. */
export function buildxVersion(buildx: Buildx): Promise<string> {
  const key = [buildx.file, ...buildx.prefix].join(' ');
  let version = asked.get(key);
  if (!version) {
    version = runBuildx(buildx, ['version'], { timeoutMs: 5_000 }).then((r) => {
      if (r.exitCode !== 0 || r.timedOut) throw new Error(`buildx version: ${finalError(r.stderrTail)}`);
      return r.stdout.trim();
    });
    asked.set(key, version);
  }
  return version;
}

/** `v0.13.2`, `0.29.1+ds1`, `28.5.2+dfsg4` -> [major, minor]; undefined when there is no version. */
export function majorMinor(text: string | undefined): [number, number] | undefined {
  const m = /(\d+)\.(\d+)/.exec(text ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export const atLeast = (v: [number, number] | undefined, major: number, minor: number): boolean =>
  v !== undefined && (v[0] > major || (v[0] === major && v[1] >= minor));
