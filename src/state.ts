// Keys of the state the main step hands to the post step, in one place.
import { getState, saveState } from '@actions/core';

const IS_POST = 'isPost';

export function isPost(): boolean {
  return getState(IS_POST) === 'true';
}

export function markMainStarted(): void {
  saveState(IS_POST, 'true');
}
