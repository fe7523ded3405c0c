#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  isPost,
  post,
  run
} from "./chunks/chunk-CDSPHWUB.js";
import "./chunks/chunk-WYXZXC7Q.js";
import "./chunks/chunk-YFIILEBL.js";
import "./chunks/chunk-RFRPI62P.js";
import "./chunks/chunk-6GHWOQQ7.js";
import "./chunks/chunk-XWRGTH54.js";
import {
  init_define_INPUT_NAMES
} from "./chunks/chunk-PWTYX65F.js";

// src/index.ts
init_define_INPUT_NAMES();
void (isPost() ? post() : run()).finally(() => process.exit());
