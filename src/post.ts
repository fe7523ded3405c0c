// The post step: removes what the main step created, also after a failure. Cleanup problems are
// warnings; the post step never fails the job.
import { info, warning } from '@actions/core';
import { isFailure } from './buildx/failures.js';
import { errorMessage } from './shared/errors.js';
import { finalError, finalErrorText } from './buildx/final-error.js';
import { locateBuildx, runBuildx } from './buildx/command.js';
import { removeLocalOnlyName } from './builder/node-image.js';
import { builderToRemove, imageNameToRemove, savedBuildxPath } from './runtime/state.js';

export async function post(): Promise<void> {
  try {
    await removeBuilder();
    const imageName = imageNameToRemove();
    if (imageName && !(await removeLocalOnlyName(imageName))) warning(`could not remove the image name ${imageName}`);
  } catch (error) {
    warning(`cleanup: ${errorMessage(error)}`);
  }
}

async function removeBuilder(): Promise<void> {
  const builder = builderToRemove();
  if (!builder) return;
  const pinned = savedBuildxPath();
  const buildx = pinned ? { file: pinned, prefix: [] } : locateBuildx();
  const res = await runBuildx(buildx, ['rm', '--force', builder], { timeoutMs: 120_000 });
  if (res.exitCode === 0) info(`removed builder ${builder}`);
  else if (!isFailure('builder-missing', finalErrorText(res.stderrTail))) {
    warning(`could not remove builder ${builder}: ${finalError(res.stderrTail)}`);
  }
}
