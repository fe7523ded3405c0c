// Where a pinned cosign release lives: its binary and cosign_checksums.txt beside it.
import { hostPlatforms } from '../shared/platform.js';
import { releaseUrlsFrom } from '../runtime/release-urls.js';

/** cosign's release names an architecture by its plain name: amd64, arm64, arm, ppc64le. */
const releaseArch = (arch: string): string => hostPlatforms(arch)[0]?.split('/')[1] ?? arch;

export function cosignReleaseUrls(
  template: string,
  version: string,
  arch: string = process.arch,
): { binaryUrl: string; checksumsUrl: string } {
  return releaseUrlsFrom(template, version, releaseArch(arch), 'cosign_checksums.txt');
}
