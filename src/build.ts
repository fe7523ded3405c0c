// Runs `buildx build` once and turns a failure into a one-line message.
import { type BuildCommand } from './build-argv.js';
import { runBuildx, type Buildx } from './buildx-command.js';
import { oneLine } from './errors.js';
import { knownFix } from './known-fixes.js';

export class BuildError extends Error {
  constructor(readonly exitCode: number, readonly stderrTail: string[]) {
    const error = finalError(stderrTail);
    const fix = knownFix(stderrTail.join('\n'));
    super(`buildx build failed (exit ${exitCode}): ${error}${fix ? ` - Fix: ${fix}` : ''}`);
    this.name = 'BuildError';
  }
}

/** buildx's last `ERROR:` line, or the last line it printed. */
export function finalError(stderrTail: readonly string[]): string {
  const errors = stderrTail.filter((l) => /^ERROR:/.test(l.trim()));
  return oneLine(errors.at(-1) ?? stderrTail.at(-1) ?? 'no output');
}

export async function runBuild(buildx: Buildx, cmd: BuildCommand): Promise<void> {
  const res = await runBuildx(buildx, cmd.argv, { env: { ...process.env, ...cmd.env }, stream: true });
  if (res.exitCode !== 0) throw new BuildError(res.exitCode, res.stderrTail);
}
