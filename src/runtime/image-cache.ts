// Images the action itself needs (the binfmt image, the BuildKit image) kept in the Actions cache:
// pulled once, saved, and on later runs loaded from the cache, so a warm run makes no upstream
// request and an unreachable or rate-limited hub does not fail the run. A restored image is
// verified: its digest must be the one recorded when it was saved, and the pinned one if the
// reference pins a digest.
import { info, warning } from '@actions/core';
import { restoreCache, saveCache } from '@actions/cache';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slug } from './slug.js';
import { hostPlatforms } from '../shared/platform.js';
import { errorMessage } from '../shared/errors.js';
import { lastLine, runCommand } from './run-command.js';
import { cacheKey } from './cache-key.js';

const DIR = '.multiarch-build-images';

async function localImageId(ref: string): Promise<string | undefined> {
  const res = await runCommand('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], { timeoutMs: 30_000 });
  return res.exitCode === 0 ? res.stdout.trim() : undefined;
}

async function docker(args: string[], what: string): Promise<void> {
  const res = await runCommand('docker', args, { timeoutMs: 300_000 });
  if (res.exitCode !== 0) throw new Error(`${what}: ${lastLine(res.stderrTail)}`);
}

/** Makes `ref` present in the engine; says where it came from. */
export async function ensureLocalImage(ref: string): Promise<'present' | 'restored' | 'pulled'> {
  if (await localImageId(ref)) return 'present';
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(ref)?.[1];
  const platform = hostPlatforms()[0] ?? 'linux/amd64';
  const base = join(DIR, slug(ref));
  const [tar, idFile] = [`${base}.tar`, `${base}.id`];
  const paths = [tar, idFile];
  const key = cacheKey('image', slug(ref), slug(platform));
  try {
    if (await restoreCache(paths, key) && existsSync(tar)) {
      const recorded = readFileSync(idFile, 'utf8').trim();
      await docker(['load', '-i', tar], `docker load of ${ref}`);
      const id = await localImageId(ref);
      if (id && id === recorded && (!pinned || id === pinned)) {
        info(`${ref}: loaded from the Actions cache (${id})`);
        return 'restored';
      }
      warning(`${ref}: the cached image is ${id ?? 'missing'}, not ${pinned ?? recorded}; pulling it instead`);
      await runCommand('docker', ['image', 'rm', ref]);
    }
    await docker(['pull', '--platform', platform, ref], `docker pull ${ref}`);
    const id = await localImageId(ref);
    if (!id || (pinned && id !== pinned)) throw new Error(`${ref}: pulled ${id ?? 'nothing'}, pinned ${pinned}`);
    mkdirSync(DIR, { recursive: true });
    await docker(['save', '--platform', platform, '-o', tar, ref], `docker save ${ref}`);
    writeFileSync(idFile, id);
    await saveCache(paths, key).catch((error: unknown) => warning(`caching ${ref}: ${errorMessage(error)}`));
    info(`${ref}: pulled (${id}) and saved to the Actions cache`);
    return 'pulled';
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}
