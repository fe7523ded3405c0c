#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  errorMessage
} from "./chunk-RFRPI62P.js";
import {
  warning
} from "./chunk-XWRGTH54.js";
import {
  init_define_INPUT_NAMES
} from "./chunk-PWTYX65F.js";

// src/runtime/buildx-release.ts
init_define_INPUT_NAMES();
var DEFAULT_BUILDX_URL = "https://github.com/docker/buildx/releases/download/{version}/buildx-{version}.{os}-{arch}";
var ARCH = {
  x64: "amd64",
  arm64: "arm64",
  arm: "arm-v7",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64"
};
function releaseUrls(template, version, arch = process.arch) {
  const binary = template.replaceAll("{version}", version).replaceAll("{os}", "linux").replaceAll("{arch}", ARCH[arch] ?? arch);
  return { binary, checksums: new URL("checksums.txt", binary).toString() };
}
function expectedSha256(checksums, fileName) {
  for (const line of checksums.split("\n")) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (m && m[2] === fileName) return m[1];
  }
  return void 0;
}

// src/runtime/cache-service.ts
init_define_INPUT_NAMES();
function cacheServiceAvailable(env = process.env) {
  const url = env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL;
  return !!env.ACTIONS_RUNTIME_TOKEN && !!url && !!env.GITHUB_RUN_ID;
}
async function cachedImage(image) {
  if (!cacheServiceAvailable()) return false;
  try {
    const { ensureLocalImage } = await import("./image-cache-VIHQPHSH.js");
    await ensureLocalImage(image);
    return true;
  } catch (error) {
    warning(`${image} is neither in the Actions cache nor pullable: ${errorMessage(error)}`);
    return false;
  }
}

export {
  DEFAULT_BUILDX_URL,
  releaseUrls,
  expectedSha256,
  cacheServiceAvailable,
  cachedImage
};
