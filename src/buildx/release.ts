// Where a pinned buildx release lives and how its checksum is checked: pure, unit-tested.

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm-v7', ppc64: 'ppc64le', s390x: 's390x',
  riscv64: 'riscv64' };

/** The binary's URL from the template, and its release's checksums.txt beside it. */
export function releaseUrls(
  template: string,
  version: string,
  arch: string = process.arch,
): { binary: string; checksums: string } {
  const binary = template.replaceAll('{version}', version).replaceAll('{os}', 'linux')
    .replaceAll('{arch}', ARCH[arch] ?? arch);
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
