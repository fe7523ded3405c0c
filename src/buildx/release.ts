// Where a pinned buildx release lives: its binary and the checksums.txt beside it.
import { hostPlatforms } from '../shared/platform.js';
import { releaseUrlsFrom } from '../runtime/release-urls.js';

/** buildx's release names an architecture as the host's own platform without the os: arm-v7. */
const releaseArch = (arch: string): string =>
  hostPlatforms(arch)[0]?.replace(/^linux\//, '').replace('/', '-') ?? arch;

export function releaseUrls(
  template: string,
  version: string,
  arch: string = process.arch,
): { binaryUrl: string; checksumsUrl: string } {
  return releaseUrlsFrom(template, version, releaseArch(arch), 'checksums.txt');
}
