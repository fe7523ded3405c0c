#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  errorMessage
} from "./errors.js";
import {
  envSwitch,
  runOf
} from "./github-run.js";
import {
  warning
} from "./actions-core.js";

// src/runtime/cache-service.ts
function cacheService(env = process.env) {
  if (!env.ACTIONS_RUNTIME_TOKEN) return void 0;
  if (env.ACTIONS_RESULTS_URL && envSwitch(env.ACTIONS_CACHE_SERVICE_V2)) return "v2";
  return env.ACTIONS_CACHE_URL ? "v1" : void 0;
}
function cacheServiceAvailable(env = process.env) {
  return cacheService(env) !== void 0 && !!runOf(env).id;
}
async function cachedImage(image) {
  if (!cacheServiceAvailable()) return void 0;
  try {
    const { ensureLocalImage } = await import("./lazy-image-cache.js");
    return (await ensureLocalImage(image)).id;
  } catch (error) {
    warning(`${image} is neither in the Actions cache nor pullable: ${errorMessage(error)}`);
    return void 0;
  }
}

export {
  cacheService,
  cacheServiceAvailable,
  cachedImage
};
