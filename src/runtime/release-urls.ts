// Where a pinned tool release lives: its binary's URL from a template ({version}, {os}, {arch}),
// and the release's checksums file beside it. Each tool names its architectures its own way.

export function releaseUrlsFrom(
  template: string,
  version: string,
  arch: string,
  checksumsFile: string,
): { binaryUrl: string; checksumsUrl: string } {
  const binaryUrl = template.replaceAll('{version}', version).replaceAll('{os}', 'linux').replaceAll('{arch}', arch);
  return { binaryUrl, checksumsUrl: new URL(checksumsFile, binaryUrl).toString() };
}
