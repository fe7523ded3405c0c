// A pinned tool release (buildx, cosign), downloaded with tool-cache, its checksum verified
// against the release's checksums file, kept in the tool cache and across runs in the Actions
// cache (setup-buildx-action's cache-binary). Imported only by runs that pin a version: it brings
// tool-cache and cache.
import { info } from '@actions/core';
import { restoreCache, saveCache } from '@actions/cache';
import { cacheFile, downloadTool, find } from '@actions/tool-cache';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cacheServiceAvailable } from './cache-service.js';
import { cacheKey } from './cache-key.js';

export interface Release {
  /** The program's name: `buildx`, `cosign`. */
  tool: 'buildx' | 'cosign';
  version: string;
  binaryUrl: string;
  checksumsUrl: string;
}

/** The sha256 that a checksums file (sha256sum format) lists for a file name. */
export function expectedSha256(checksums: string, fileName: string): string | undefined {
  for (const line of checksums.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (m && m[2] === fileName) return m[1];
  }
  return undefined;
}

/** The path of the release's binary, installed once per runner and cached across runners. */
export async function installRelease({ tool, version, binaryUrl, checksumsUrl }: Release): Promise<string> {
  const name = `multiarch-build-${tool}`;
  const plain = version.replace(/^v/, '');
  const cached = find(name, plain);
  if (cached) return join(cached, tool);
  const key = cacheKey(tool, version, process.platform, process.arch);
  const toolDir = join(process.env.RUNNER_TOOL_CACHE ?? '', name, plain, process.arch);
  // tool-cache marks a complete entry with a file beside the folder: keep both.
  const paths = [toolDir, `${toolDir}.complete`];
  if (cacheServiceAvailable() && await restoreCache(paths, key)) {
    const restored = find(name, plain);
    if (restored) return join(restored, tool);
  }
  const fileName = basename(new URL(binaryUrl).pathname);
  info(`downloading ${tool} ${version} from ${binaryUrl}`);
  const [file, sums] = await Promise.all([downloadTool(binaryUrl), downloadTool(checksumsUrl)]);
  const want = expectedSha256(readFileSync(sums, 'utf8'), fileName);
  if (!want) throw new Error(`${checksumsUrl} lists no checksum for ${fileName}`);
  const got = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (got !== want) {
    throw new Error(`checksum mismatch for ${fileName}: ${checksumsUrl} says ${want}, the download is ${got}`);
  }
  chmodSync(file, 0o755);
  const dir = await cacheFile(file, tool, name, plain);
  if (cacheServiceAvailable()) await saveCache(paths, key).catch(() => undefined);
  return join(dir, tool);
}
