#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  normalizePlatform,
  slug
} from "./platform.js";
import {
  runOf
} from "./github-run.js";
import {
  cacheKey,
  restoreCache,
  saveCache
} from "./actions-cache.js";
import "./azure-storage-blob.js";
import {
  info
} from "./actions-core.js";
import "./esbuild-runtime.js";

// src/merge/leg-records.ts
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var DIR = ".multiarch-build-digests";
var pathFor = (platform) => join(DIR, `${slug(platform)}.json`);
function keyPrefix(env, image, platform) {
  return `${cacheKey("digests", runOf(env).id, slug(image), slug(normalizePlatform(platform)))}-`;
}
async function saveLegRecords(image, source, platforms, checks, env = process.env) {
  try {
    for (const platform of platforms) {
      mkdirSync(DIR, { recursive: true });
      const record = { platform, source, ...checks.length > 0 ? { checks: [...checks] } : {} };
      writeFileSync(pathFor(platform), JSON.stringify(record));
      const key = `${keyPrefix(env, image, platform)}${runOf(env).attempt}`;
      await saveCache([pathFor(platform)], key);
      info(`recorded ${platform} = ${source} for the merge step (${key})`);
    }
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}
async function restoreLegRecords(image, platforms, env = process.env) {
  const sources = [];
  const checks = [];
  try {
    for (const platform of platforms) {
      const prefix = keyPrefix(env, image, platform);
      const hit = await restoreCache([pathFor(platform)], `${prefix}${runOf(env).attempt}`, [prefix]);
      if (!hit) {
        info(`no leg of this run recorded ${platform} for ${image}`);
        continue;
      }
      const record = JSON.parse(readFileSync(pathFor(platform), "utf8"));
      info(`restored ${platform} = ${record.source} (${hit})`);
      sources.push(record.source);
      checks.push(...record.checks ?? []);
    }
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
  return { sources: [...new Set(sources)], checks };
}
export {
  keyPrefix,
  restoreLegRecords,
  saveLegRecords
};
