// The post step: removes what the main step created. It never fails the job over cleanup.
import { info, warning } from '@actions/core';
import { errorMessage } from './errors.js';

export async function post(): Promise<void> {
  try {
    info('multiarch-build: nothing left to clean up');
  } catch (error) {
    warning(`cleanup: ${errorMessage(error)}`);
  }
}
