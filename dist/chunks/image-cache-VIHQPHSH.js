#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  hostPlatforms,
  runCommand
} from "./chunk-WYXZXC7Q.js";
import {
  errorMessage,
  finalError
} from "./chunk-RFRPI62P.js";
import {
  slug
} from "./chunk-6GHWOQQ7.js";
import {
  restoreCache,
  saveCache
} from "./chunk-46ILJJ25.js";
import {
  info,
  warning
} from "./chunk-XWRGTH54.js";
import {
  init_define_INPUT_NAMES
} from "./chunk-PWTYX65F.js";

// src/runtime/image-cache.ts
init_define_INPUT_NAMES();
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var DIR = ".multiarch-build-images";
async function imageId(ref) {
  const res = await runCommand("docker", ["image", "inspect", "--format", "{{.Id}}", ref], { timeoutMs: 3e4 });
  return res.exitCode === 0 ? res.stdout.trim() : void 0;
}
async function docker(args, what) {
  const res = await runCommand("docker", args, { timeoutMs: 3e5 });
  if (res.exitCode !== 0) throw new Error(`${what}: ${finalError(res.stderrTail)}`);
}
async function ensureLocalImage(ref) {
  if (await imageId(ref)) return "present";
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(ref)?.[1];
  const platform = hostPlatforms()[0] ?? "linux/amd64";
  const base = join(DIR, slug(ref));
  const paths = [`${base}.tar`, `${base}.id`];
  const key = `multiarch-build-image-${slug(ref)}-${slug(platform)}`;
  try {
    if (await restoreCache(paths, key) && existsSync(paths[0])) {
      const recorded = readFileSync(paths[1], "utf8").trim();
      await docker(["load", "-i", paths[0]], `docker load of ${ref}`);
      const id2 = await imageId(ref);
      if (id2 && id2 === recorded && (!pinned || id2 === pinned)) {
        info(`${ref}: loaded from the Actions cache (${id2})`);
        return "restored";
      }
      warning(`${ref}: the cached image is ${id2 ?? "missing"}, not ${pinned ?? recorded}; pulling it instead`);
      await runCommand("docker", ["image", "rm", ref]);
    }
    await docker(["pull", "--platform", platform, ref], `docker pull ${ref}`);
    const id = await imageId(ref);
    if (!id || pinned && id !== pinned) throw new Error(`${ref}: pulled ${id ?? "nothing"}, pinned ${pinned}`);
    mkdirSync(DIR, { recursive: true });
    await docker(["save", "--platform", platform, "-o", paths[0], ref], `docker save ${ref}`);
    writeFileSync(paths[1], id);
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
