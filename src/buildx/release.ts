// Where a pinned buildx release lives and how its checksum is checked.
import { hostPlatforms } from '../shared/platform.js';

/** buildx's release names an architecture as the host's own platform without the os: arm-v7. */
const releaseArch = (arch: string): string =>
  hostPlatforms(arch)[0]?.replace(/^linux\//, '').replace('/', '-') ?? arch;

/** The binary's URL from the template, and its release's checksums.txt beside it. */
export function releaseUrls(
  template: string,
  version: string,
  arch: string = process.arch,
): { binary: string; checksums: string } {
  const binary = template.replaceAll('{version}', version).replaceAll('{os}', 'linux')
    .replaceAll('{arch}', releaseArch(arch));
  return { binary, checksums: new URL('checksums.txt', binary).toString() };
}

/** The sha256 that a `checksums.txt` (sha256sum format) lists for a file name. */
export function expectedSha256(checksums: string, fileName: string): string | undefined {
  for (const line of checksums.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (m && m[2] === fileName) return m[1];
  }
  return undefined;
}
