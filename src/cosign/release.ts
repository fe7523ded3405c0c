// Where a pinned cosign release lives: its binary and cosign_checksums.txt beside it.
import { hostPlatforms } from '../shared/platform.js';

/** cosign's release names an architecture by its plain name: amd64, arm64, arm, ppc64le. */
const releaseArch = (arch: string): string => hostPlatforms(arch)[0]?.split('/')[1] ?? arch;

export function cosignReleaseUrls(
  template: string,
  version: string,
  arch: string = process.arch,
): { binaryUrl: string; checksumsUrl: string } {
  const binaryUrl = template.replaceAll('{version}', version).replaceAll('{os}', 'linux')
    .replaceAll('{arch}', releaseArch(arch));
  return { binaryUrl, checksumsUrl: new URL('cosign_checksums.txt', binaryUrl).toString() };
}
