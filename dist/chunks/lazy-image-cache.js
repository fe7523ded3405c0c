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
import "./azure-storage-blob.js";
import {
  info,
  warning
} from "./actions-core.js";
import "./esbuild-runtime.js";

// src/runtime/image-cache.ts
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var DIR = ".multiarch-build-images";
async function engineImage(ref) {
  const res = await runCommand("docker", [
    "image",
    "inspect",
    "--format",
    "{{.Id}}{{range .RepoDigests}} {{.}}{{end}}",
    ref
  ], { timeoutMs: 3e4 });
  if (res.exitCode !== 0) return void 0;
  const [id = "", ...repoDigests] = res.stdout.trim().split(/\s+/);
  return id ? { id, repoDigests } : void 0;
}
function isPinned(image, pinned) {
  return !pinned || image.id === pinned || image.repoDigests.some((d) => d.endsWith(`@${pinned}`));
}
function loadedRef(loadOutput) {
  return /^Loaded image ID: (\S+)/m.exec(loadOutput)?.[1] ?? /^Loaded image: (\S+)/m.exec(loadOutput)?.[1];
}
async function docker(args, what) {
  const res = await runCommand("docker", args, { timeoutMs: 3e5 });
  if (res.exitCode !== 0) throw new Error(`${what}: ${lastLine(res.stderrTail)}`);
  return res.stdout;
}
async function ensureLocalImage(ref) {
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(ref)?.[1];
  const present = await engineImage(ref);
  if (present && isPinned(present, pinned)) return { from: "present", id: present.id };
  const platform = hostPlatforms()[0] ?? "linux/amd64";
  const base = join(DIR, slug(ref));
  const [tar, idFile] = [`${base}.tar`, `${base}.id`];
  const paths = [tar, idFile];
  const key = cacheKey("image", slug(ref), slug(platform));
  try {
    if (await restoreCache(paths, key) && existsSync(tar)) {
      const recorded = readFileSync(idFile, "utf8").trim();
      const loadedAs = loadedRef(await docker(["load", "-i", tar], `docker load of ${ref}`));
      const loaded = loadedAs ? await engineImage(loadedAs) : void 0;
      if (loaded && loaded.id === recorded) {
        info(`${ref}: loaded from the Actions cache (${loaded.id})`);
        return { from: "restored", id: loaded.id };
      }
      warning(`${ref}: the cached image is ${loaded?.id ?? "missing"}, not ${recorded}; pulling it instead`);
    }
    await docker(["pull", "--platform", platform, ref], `docker pull ${ref}`);
    const pulled = await engineImage(ref);
    if (!pulled || !isPinned(pulled, pinned)) {
      throw new Error(`${ref}: pulled ${pulled?.id ?? "nothing"}, which is not the pinned ${pinned}`);
    }
    mkdirSync(DIR, { recursive: true });
    await docker(["save", "--platform", platform, "-o", tar, ref], `docker save ${ref}`);
    writeFileSync(idFile, pulled.id);
    await saveCache(paths, key).catch((error) => warning(`caching ${ref}: ${errorMessage(error)}`));
    info(`${ref}: pulled (${pulled.id}) and saved to the Actions cache`);
    return { from: "pulled", id: pulled.id };
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}
export {
  ensureLocalImage,
  isPinned,
  loadedRef
};
