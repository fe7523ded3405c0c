// Where cosign comes from, decided in one place: a pinned release (downloaded, checksum verified,
// cached like buildx) or the one on the runner's PATH; and which flags that cosign takes.
import { info } from '@actions/core';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { withFix } from '../shared/errors.js';
import type { ReleasePin } from '../shared/inputs-types.js';
import { runCommand, type CommandResult, type RunOptions } from '../runtime/run-command.js';
import { cosignReleaseUrls } from './release.js';

export interface Cosign {
  file: string;
  /** cosign 3.x: loads a signing config by default (`--use-signing-config`). */
  signingConfig: boolean;
}

function onPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, 'cosign'), constants.X_OK);
      return join(dir, 'cosign');
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function locateCosign(pin?: ReleasePin): Promise<Cosign> {
  let file = onPath();
  if (pin) {
    const { installRelease } = await import('../runtime/release-install.js');
    const urls = cosignReleaseUrls(pin.urlTemplate, pin.version);
    file = await installRelease({ tool: 'cosign', version: pin.version, ...urls });
  }
  if (!file) {
    throw new Error(withFix('signing needs cosign, and there is none on PATH',
      'pin a release with `cosign-version` (e.g. v2.5.0), or install it first (sigstore/cosign-installer)'));
  }
  // Distribution builds report no version ("devel"): the flags are read from the help instead.
  const help = await runCommand(file, ['sign', '--help'], { timeoutMs: 15_000 });
  const signingConfig = /--use-signing-config/.test(help.stdout + help.stderrTail.join('\n'));
  info(`cosign: ${file}${signingConfig ? ' (3.x: signing config)' : ''}`);
  return { file, signingConfig };
}

export function runCosign(cosign: Cosign, args: readonly string[], opts: RunOptions = {}):
  Promise<CommandResult> {
  return runCommand(cosign.file, args, { timeoutMs: 300_000, ...opts });
}

/** cosign's own reason: its `Error: ...` line, else its last line. */
export function cosignError(res: CommandResult): string {
  const lines = res.stderrTail.map((l) => l.trim()).filter((l) => l !== '');
  return (lines.filter((l) => l.startsWith('Error:')).at(-1) ?? lines.at(-1) ?? 'no output')
    .replace(/^Error:\s*/, '');
}
