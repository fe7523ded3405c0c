// Preflight (its log group is the caller's): what is cheap to read (kernel, binfmt mount, the
// buildx binary, the engine's API socket), each with the fix when it is wrong. No process runs here.
import { info, warning } from '@actions/core';
import { release } from 'node:os';
import { binfmtMounted } from '../host/binfmt.js';
import type { Buildx } from '../buildx/command.js';
import { engineInfo, engineSocket, type EngineInfo } from '../host/engine-api.js';
import { fixOf } from '../buildx/failures.js';
import { errorMessage, withFix } from '../shared/errors.js';
import type { Inputs } from '../shared/inputs-types.js';

export async function preflight(inputs: Inputs, buildx: Buildx): Promise<EngineInfo | undefined> {
  const kernel = release();
  const [major = 0, minor = 0] = kernel.split('.').map((n) => parseInt(n, 10));
  info(`kernel ${kernel}`);
  if (major < 4 || (major === 4 && minor < 8)) {
    warning(withFix(`kernel ${kernel} is older than 4.8: QEMU handlers cannot use the fix-binary flag, so ` +
      'emulated builds in containers fail with "exec format error"', 'a newer runner image'));
  }
  info(`binfmt_misc ${binfmtMounted() ? 'mounted' : 'not mounted (the QEMU stage mounts it when needed)'}`);
  info(`buildx: ${[buildx.file, ...buildx.prefix].join(' ')}`);
  const engine = await readEngine();
  const problem = engine && engineProblem(inputs.builder, inputs.platforms, engine);
  if (problem) throw new Error(problem);
  return engine;
}

/** What the engine cannot do for these inputs, found before any build starts. */
export function engineProblem(
  builder: string | undefined,
  platforms: readonly string[],
  engine: EngineInfo,
): string | undefined {
  if (builder !== 'default' || engine.containerdStore || platforms.length < 2) return undefined;
  return withFix(`builder "default" cannot build ${platforms.length} platforms: the engine uses the classic image ` +
    'store (multiple platforms feature is currently not supported for docker driver)', fixOf('classic-store'));
}

async function readEngine(): Promise<EngineInfo | undefined> {
  const socket = engineSocket();
  if (!socket) {
    info('engine: DOCKER_HOST is not a unix socket; not probed');
    return undefined;
  }
  try {
    const engine = await engineInfo(socket);
    info(`engine ${engine.version} (${engine.architecture}), ${engine.containerdStore ? 'containerd' : 'classic'} image store`);
    return engine;
  } catch (error) {
    info(withFix(`engine not reachable at ${socket}: ${errorMessage(error)}`,
      'start dockerd, or set DOCKER_HOST (remote builders do not need it)'));
    return undefined;
  }
}
