// Keys of the state the main step hands to the post step, in one place.
import { getState, saveState } from '@actions/core';

const IS_POST = 'isPost';
const BUILDER = 'builder';

export function isPost(): boolean {
  return getState(IS_POST) === 'true';
}

export function markMainStarted(): void {
  saveState(IS_POST, 'true');
}

/**
 * A builder the post step must remove (when `cleanup` is true); saved before it is created, so a
 * builder whose boot failed is removed too.
 */
export function saveBuilderToRemove(name: string): void {
  saveState(BUILDER, name);
}

export function builderToRemove(): string {
  return getState(BUILDER);
}

const IMAGE_NAME = 'imageName';

/** A second name the main step gave an image (builder/node-image.ts), for the post step to remove. */
export function saveImageNameToRemove(name: string): void {
  saveState(IMAGE_NAME, name);
}

export function imageNameToRemove(): string {
  return getState(IMAGE_NAME);
}

const BUILDX = 'buildx';

/** A pinned buildx the main step ran, so the post step runs the same one. */
export function saveBuildxPath(file: string): void {
  saveState(BUILDX, file);
}

export function savedBuildxPath(): string {
  return getState(BUILDX);
}
