#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  isPost,
  post,
  run
} from "./chunks/chunk-5OZFINCT.js";
import "./chunks/chunk-DFGYJHRS.js";
import {
  init_define_INPUT_NAMES
} from "./chunks/chunk-PYHC2FVM.js";

// src/index.ts
init_define_INPUT_NAMES();
void (isPost() ? post() : run()).finally(() => process.exit());
