#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  isPost,
  post,
  run
} from "./chunks/chunk-WKR3H7WW.js";
import "./chunks/chunk-TA3V5QEX.js";
import "./chunks/chunk-53Q6PNYN.js";
import "./chunks/chunk-XWRGTH54.js";
import {
  init_define_INPUT_NAMES
} from "./chunks/chunk-PWTYX65F.js";

// src/index.ts
init_define_INPUT_NAMES();
void (isPost() ? post() : run()).finally(() => process.exit());
