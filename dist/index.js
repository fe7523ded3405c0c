#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  isPost,
  post,
  run
} from "./chunks/chunk-PD2GBIVD.js";
import "./chunks/chunk-KXMFO6AQ.js";
import "./chunks/chunk-CW7R56JT.js";
import {
  init_define_INPUT_NAMES
} from "./chunks/chunk-IJMCUOBW.js";

// src/index.ts
init_define_INPUT_NAMES();
void (isPost() ? post() : run()).finally(() => process.exit());
