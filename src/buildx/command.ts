// The one place that decides how buildx runs: the CLI plugin binary run standalone (it saves the
// docker CLI's start, ~0.1 s a call) when it can be found, else `docker buildx`.
import { info } from '@actions/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type CommandResult, type RunOptions } from '../runtime/run-command.js';
import { saveBuildxPath } from '../runtime/state.js';
import { releaseUrls } from './release.js';
import { dockerConfigDir } from '../runtime/docker-config.js';

const SYSTEM_PLUGIN_DIRS = [
  '/usr/local/lib/docker/cli-plugins',
  '/usr/local/libexec/docker/cli-plugins',
  '/usr/lib/docker/cli-plugins',
  '/usr/libexec/docker/cli-plugins',
];

/** The docker CLI's plugin search order: the config dir first, then the system dirs. */
export function pluginCandidates(env: NodeJS.ProcessEnv): string[] {
  return [join(dockerConfigDir(env), 'cli-plugins'), ...SYSTEM_PLUGIN_DIRS].map((d) => join(d, 'docker-buildx'));
}

export interface Buildx {
  file: string;
  /** Arguments before the buildx subcommand. */
  prefix: string[];
}

/** The system's buildx plugin binary, ignoring any docker config folder. */
export function systemBuildx(): string | undefined {
  return SYSTEM_PLUGIN_DIRS.map((d) => join(d, 'docker-buildx')).find((p) => existsSync(p));
}

export function locateBuildx(env: NodeJS.ProcessEnv = process.env): Buildx {
  const plugin = pluginCandidates(env).find((p) => existsSync(p));
  return plugin ? { file: plugin, prefix: [] } : { file: 'docker', prefix: ['buildx'] };
}

export function runBuildx(
  buildx: Buildx,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<CommandResult> {
  return runCommand(buildx.file, [...buildx.prefix, ...args], opts);
}

/** A pinned release, downloaded and verified (or found in the tool cache); run standalone. */
export async function pinnedBuildx(pin: { version: string; urlTemplate: string }): Promise<Buildx> {
  const { installRelease } = await import('../runtime/release-install.js');
  const urls = releaseUrls(pin.urlTemplate, pin.version);
  const file = await installRelease({ tool: 'buildx', version: pin.version, ...urls });
  saveBuildxPath(file);
  info(`buildx ${pin.version}: ${file}`);
  return { file, prefix: [] };
}
