// Stands in for @actions/core's `platform` namespace: this action never asks it for the runner's OS
// details, and the real module imports @actions/exec and @actions/io, which a namespace import of
// @actions/core (the cache client has one) would then put on every run's start-up path.
import os from 'node:os';

export const platform = os.platform();
export const arch = os.arch();
export const isWindows = platform === 'win32';
export const isMacOS = platform === 'darwin';
export const isLinux = platform === 'linux';
export async function getDetails() {
  throw new Error('multiarch-build does not bundle @actions/core platform details');
}
