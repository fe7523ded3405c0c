// Types of release.mjs for the tests.
export interface ReleaseVersion { major: number; minor: number; patch: number; pre: string | undefined }
export function parseReleaseTag(tag: string): ReleaseVersion;
export function tagsToMove(tag: string, existing: readonly string[]): string[];
export function changelogSection(changelog: string, tag: string): string;
export function treeDifferences(
  committed: ReadonlyMap<string, string>, built: ReadonlyMap<string, string>): string[];
