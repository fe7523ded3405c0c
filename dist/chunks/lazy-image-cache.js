#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  lastLine,
  runCommand
} from "./run-command.js";
import {
  errorMessage
} from "./errors.js";
import {
  hostPlatforms,
  slug
} from "./platform.js";
import {
  cacheKey,
  restoreCache,
  saveCache
} from "./actions-cache.js";
import {
  info,
  warning
} from "./actions-core.js";
import "./esbuild-runtime.js";

// src/runtime/image-cache.ts
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var DIR = ".multiarch-build-images";
async function localImageId(ref) {
  const res = await runCommand("docker", ["image", "inspect", "--format", "{{.Id}}", ref], { timeoutMs: 3e4 });
  return res.exitCode === 0 ? res.stdout.trim() : void 0;
}
async function docker(args, what) {
  const res = await runCommand("docker", args, { timeoutMs: 3e5 });
  if (res.exitCode !== 0) throw new Error(`${what}: ${lastLine(res.stderrTail)}`);
}
async function ensureLocalImage(ref) {
  if (await localImageId(ref)) return "present";
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(ref)?.[1];
  const platform = hostPlatforms()[0] ?? "linux/amd64";
  const base = join(DIR, slug(ref));
  const [tar, idFile] = [`${base}.tar`, `${base}.id`];
  const paths = [tar, idFile];
  const key = cacheKey("image", slug(ref), slug(platform));
  try {
    if (await restoreCache(paths, key) && existsSync(tar)) {
      const recorded = readFileSync(idFile, "utf8").trim();
      await docker(["load", "-i", tar], `docker load of ${ref}`);
      const id2 = await localImageId(ref);
      if (id2 && id2 === recorded && (!pinned || id2 === pinned)) {
        info(`${ref}: loaded from the Actions cache (${id2})`);
        return "restored";
      }
      warning(`${ref}: the cached image is ${id2 ?? "missing"}, not ${pinned ?? recorded}; pulling it instead`);
      await runCommand("docker", ["image", "rm", ref]);
    }
    await docker(["pull", "--platform", platform, ref], `docker pull ${ref}`);
    const id = await localImageId(ref);
    if (!id || pinned && id !== pinned) throw new Error(`${ref}: pulled ${id ?? "nothing"}, pinned ${pinned}`);
    mkdirSync(DIR, { recursive: true });
    await docker(["save", "--platform", platform, "-o", tar, ref], `docker save ${ref}`);
    writeFileSync(idFile, id);
    await saveCache(paths, key).catch((error) => warning(`caching ${ref}: ${errorMessage(error)}`));
    info(`${ref}: pulled (${id}) and saved to the Actions cache`);
    return "pulled";
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}
export {
  ensureLocalImage
};
