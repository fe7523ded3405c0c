#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  init_define_INPUT_NAMES
} from "./chunk-PWTYX65F.js";

// src/runtime/slug.ts
init_define_INPUT_NAMES();
function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

export {
  slug
};
