#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  errorMessage
} from "./errors.js";
import {
  runOf
} from "./github-run.js";
import {
  warning
} from "./actions-core.js";

// src/runtime/cache-service.ts
function cacheServiceAvailable(env = process.env) {
  const url = env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL;
  return !!env.ACTIONS_RUNTIME_TOKEN && !!url && !!runOf(env).id;
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
  cacheServiceAvailable,
  cachedImage
};
