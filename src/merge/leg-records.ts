// Matrix legs record their digests for the merge step of the same workflow run through the
// Actions cache, so no artifact steps are needed. Keys are scoped to the run, the image and the
// platform; the merge restores newest first by prefix, so a merge after "re-run failed jobs"
// still finds the legs of the first attempt. Imported only by runs that record or restore legs:
// it brings the cache client.
import { info } from '@actions/core';
import { restoreCache, saveCache } from '@actions/cache';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slug } from '../runtime/slug.js';
import { cacheKey } from '../runtime/cache-key.js';
import { normalizePlatform } from '../shared/platform.js';
import { runOf } from '../shared/github-run.js';
import type { CheckAnnotation } from '../shared/left-behind.js';

interface LegRecord {
  platform: string;
  /** `repo@sha256:…`: the leg's top-level image (an index when it carries attestations). */
  source: string;
  /** The leg's Dockerfile check annotations, made once for the run by the merge step. */
  checks?: CheckAnnotation[];
}

const DIR = '.multiarch-build-digests';
// The cache version hashes the paths: leg and merge must name the same path for a platform.
const pathFor = (platform: string): string => join(DIR, `${slug(platform)}.json`);

/** Written and restored under the same key: the platform normalized, whatever text named it. */
export function keyPrefix(env: NodeJS.ProcessEnv, image: string, platform: string): string {
  return `${cacheKey('digests', runOf(env).id, slug(image), slug(normalizePlatform(platform)))}-`;
}

export async function saveLegRecords(
  image: string,
  source: string,
  platforms: readonly string[],
  checks: readonly CheckAnnotation[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  try {
    for (const platform of platforms) {
      mkdirSync(DIR, { recursive: true });
      const record: LegRecord = { platform, source, ...(checks.length > 0 ? { checks: [...checks] } : {}) };
      writeFileSync(pathFor(platform), JSON.stringify(record));
      const key = `${keyPrefix(env, image, platform)}${runOf(env).attempt}`;
      await saveCache([pathFor(platform)], key);
      info(`recorded ${platform} = ${source} for the merge step (${key})`);
    }
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}

/**
 * The sources the legs of this run recorded, one per platform found (missing ones are left out),
 * and the check annotations they recorded.
 */
export async function restoreLegRecords(
  image: string,
  platforms: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ sources: string[]; checks: CheckAnnotation[] }> {
  const sources: string[] = [];
  const checks: CheckAnnotation[] = [];
  try {
    for (const platform of platforms) {
      const prefix = keyPrefix(env, image, platform);
      const hit = await restoreCache([pathFor(platform)], `${prefix}${runOf(env).attempt}`, [prefix]);
      if (!hit) {
        info(`no leg of this run recorded ${platform} for ${image}`);
        continue;
      }
      const record = JSON.parse(readFileSync(pathFor(platform), 'utf8')) as LegRecord;
      info(`restored ${platform} = ${record.source} (${hit})`);
      sources.push(record.source);
      checks.push(...(record.checks ?? []));
    }
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
  return { sources: [...new Set(sources)], checks };
}
