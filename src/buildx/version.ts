// `buildx version`, asked once per run and binary: the argv (the Git query form) and the
// diagnostics both read it. A probe is short: a buildx that does not answer is not waited for.
import { debug } from '@actions/core';
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

/**
 * What buildx's version line tells: a release (`github.com/docker/buildx v0.29.1 ...`,
 * `... 0.29.1+ds1 ...`), a build from a commit (`github.com/docker/buildx f117971 f11797113e...`:
 * no release number, as `make` builds it from a checkout), or nothing readable.
 */
export type BuildxRelease =
  | { kind: 'release'; version: [number, number] }
  | { kind: 'commit'; commit: string }
  | { kind: 'unknown' };

export function readBuildxVersion(line: string): BuildxRelease {
  const release = / v?(\d+)\.(\d+)\.\d+/.exec(line);
  if (release) return { kind: 'release', version: [Number(release[1]), Number(release[2])] };
  const commit = / ([0-9a-f]{7,40})(?:\s|$)/.exec(line);
  return commit ? { kind: 'commit', commit: commit[1] ?? '' } : { kind: 'unknown' };
}

/**
 * Whether this buildx has what `major.minor` brought. A build from a commit is taken as current,
 * as docker's own toolkit takes it (its `versionSatisfies`): such builds come from a recent
 * checkout. Unreadable lines are not.
 */
export function buildxAtLeast(line: string, major: number, minor: number): boolean {
  const seen = readBuildxVersion(line);
  if (seen.kind === 'commit') {
    debug(`buildx ${seen.commit} is a build from a commit, taken as current (>= ${major}.${minor})`);
    return true;
  }
  return seen.kind === 'release' && atLeast(seen.version, major, minor);
}
