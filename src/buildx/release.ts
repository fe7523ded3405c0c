// Where a pinned buildx release lives: its binary and the checksums.txt beside it.
import { hostPlatforms } from '../shared/platform.js';

/** buildx's release names an architecture as the host's own platform without the os: arm-v7. */
const releaseArch = (arch: string): string =>
  hostPlatforms(arch)[0]?.replace(/^linux\//, '').replace('/', '-') ?? arch;

/** The binary's URL from the template, and its release's checksums.txt beside it. */
export function releaseUrls(
  template: string,
  version: string,
  arch: string = process.arch,
): { binaryUrl: string; checksumsUrl: string } {
  const binaryUrl = template.replaceAll('{version}', version).replaceAll('{os}', 'linux')
    .replaceAll('{arch}', releaseArch(arch));
  return { binaryUrl, checksumsUrl: new URL('checksums.txt', binaryUrl).toString() };
}
