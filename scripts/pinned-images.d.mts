// Types of pinned-images.mjs for the tests.
export const PINNED_INPUTS: string[];
export function splitPinned(ref: string): { name: string; tag: string; digest: string | undefined };
export function newestTag(current: string, tags: readonly string[]): string;
export function withDefault(actionYml: string, input: string, from: string, to: string): string;
