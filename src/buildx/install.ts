// A pinned buildx, downloaded with tool-cache from the release URL template, its checksum
// verified, kept in the tool cache and across runs in the Actions cache (setup-buildx-action's
// cache-binary). Run as a standalone binary: a job-private docker config would hide the runner's
// logins and builders. Imported only by runs that pin a version: it brings tool-cache and cache.
import { info } from '@actions/core';
import { restoreCache, saveCache } from '@actions/cache';
import { cacheFile, downloadTool, find } from '@actions/tool-cache';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expectedSha256, releaseUrls } from './release.js';
import { cacheServiceAvailable } from '../runtime/cache-service.js';
import { cacheKey } from '../runtime/cache-key.js';

const TOOL = 'multiarch-build-buildx';

export async function installBuildx(version: string, urlTemplate: string): Promise<string> {
  const cached = find(TOOL, version.replace(/^v/, ''));
  if (cached) return join(cached, 'buildx');
  const key = cacheKey('buildx', version, process.platform, process.arch);
  const toolDir = join(process.env.RUNNER_TOOL_CACHE ?? '', TOOL, version.replace(/^v/, ''), process.arch);
  // tool-cache marks a complete entry with a file beside the folder: keep both.
  const paths = [toolDir, `${toolDir}.complete`];
  if (cacheServiceAvailable() && await restoreCache(paths, key)) {
    const restored = find(TOOL, version.replace(/^v/, ''));
    if (restored) return join(restored, 'buildx');
  }
  const { binary, checksums } = releaseUrls(urlTemplate, version);
  const fileName = basename(new URL(binary).pathname);
  info(`downloading buildx ${version} from ${binary}`);
  const [file, sums] = await Promise.all([downloadTool(binary), downloadTool(checksums)]);
  const want = expectedSha256(readFileSync(sums, 'utf8'), fileName);
  if (!want) throw new Error(`${checksums} lists no checksum for ${fileName}`);
  const got = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (got !== want) {
    throw new Error(`checksum mismatch for ${fileName}: ${checksums} says ${want}, the download is ${got}`);
  }
  chmodSync(file, 0o755);
  const dir = await cacheFile(file, 'buildx', TOOL, version.replace(/^v/, ''));
  if (cacheServiceAvailable()) await saveCache(paths, key).catch(() => undefined);
  return join(dir, 'buildx');
}
