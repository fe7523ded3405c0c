// Images the action itself needs (the binfmt image, the BuildKit image) kept in the Actions cache:
// pulled once, saved, and on later runs loaded from the cache, so a warm run makes no upstream
// request and an unreachable or rate-limited hub does not fail the run. A restored image is
// verified: its id must be the one recorded when it was saved, after a pull that was checked
// against the pinned digest when the reference pins one.
//
// An image saved under a digest reference (NAME:TAG@sha256:…, how the defaults are pinned) loads
// back with no name at all, in the classic image store and in containerd's alike ("Loaded image
// ID: sha256:…"), and the classic store's id is the config's, not the pinned digest. So the
// image is handed on by its id, which every engine answers to, never by the reference.
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

interface EngineImage {
  id: string;
  /** NAME@sha256:… names the engine knows it by (set by a pull; the classic store's one link to a pin). */
  repoDigests: string[];
}

/** What the engine has under `ref` (a name or an id). */
async function engineImage(ref: string): Promise<EngineImage | undefined> {
  const res = await runCommand('docker', ['image', 'inspect', '--format', '{{.Id}}{{range .RepoDigests}} {{.}}{{end}}',
    ref], { timeoutMs: 30_000 });
  if (res.exitCode !== 0) return undefined;
  const [id = '', ...repoDigests] = res.stdout.trim().split(/\s+/);
  return id ? { id, repoDigests } : undefined;
}

/** The pinned image: containerd's store gives it the pinned digest as id, the classic one a RepoDigest. */
export function isPinned(image: EngineImage, pinned: string | undefined): boolean {
  return !pinned || image.id === pinned || image.repoDigests.some((d) => d.endsWith(`@${pinned}`));
}

/** The image `docker load` reports: by id, or by the name it was saved under. */
export function loadedRef(loadOutput: string): string | undefined {
  return /^Loaded image ID: (\S+)/m.exec(loadOutput)?.[1] ?? /^Loaded image: (\S+)/m.exec(loadOutput)?.[1];
}

async function docker(args: string[], what: string): Promise<string> {
  const res = await runCommand('docker', args, { timeoutMs: 300_000 });
  if (res.exitCode !== 0) throw new Error(`${what}: ${lastLine(res.stderrTail)}`);
  return res.stdout;
}

export interface LocalImage {
  from: 'present' | 'restored' | 'pulled';
  /** The engine's id of the image: what to run or tag, whatever name the image has. */
  id: string;
}

/** Makes `ref` present in the engine; says where it came from and its id. */
export async function ensureLocalImage(ref: string): Promise<LocalImage> {
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(ref)?.[1];
  const present = await engineImage(ref);
  if (present && isPinned(present, pinned)) return { from: 'present', id: present.id };
  const platform = hostPlatforms()[0] ?? 'linux/amd64';
  const base = join(DIR, slug(ref));
  const [tar, idFile] = [`${base}.tar`, `${base}.id`];
  const paths = [tar, idFile];
  const key = cacheKey('image', slug(ref), slug(platform));
  try {
    if (await restoreCache(paths, key) && existsSync(tar)) {
      const recorded = readFileSync(idFile, 'utf8').trim();
      const loadedAs = loadedRef(await docker(['load', '-i', tar], `docker load of ${ref}`));
      const loaded = loadedAs ? await engineImage(loadedAs) : undefined;
      if (loaded && loaded.id === recorded) {
        info(`${ref}: loaded from the Actions cache (${loaded.id})`);
        return { from: 'restored', id: loaded.id };
      }
      warning(`${ref}: the cached image is ${loaded?.id ?? 'missing'}, not ${recorded}; pulling it instead`);
    }
    await docker(['pull', '--platform', platform, ref], `docker pull ${ref}`);
    const pulled = await engineImage(ref);
    if (!pulled || !isPinned(pulled, pinned)) {
      throw new Error(`${ref}: pulled ${pulled?.id ?? 'nothing'}, which is not the pinned ${pinned}`);
    }
    mkdirSync(DIR, { recursive: true });
    await docker(['save', '--platform', platform, '-o', tar, ref], `docker save ${ref}`);
    writeFileSync(idFile, pulled.id);
    await saveCache(paths, key).catch((error: unknown) => warning(`caching ${ref}: ${errorMessage(error)}`));
    info(`${ref}: pulled (${pulled.id}) and saved to the Actions cache`);
    return { from: 'pulled', id: pulled.id };
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}
