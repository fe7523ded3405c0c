#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  isPost,
  post,
  run
} from "./chunks/chunk-5JQZCQQT.js";
import "./chunks/chunk-TDLU3WU7.js";
import "./chunks/chunk-P54JENJF.js";
import "./chunks/chunk-U52ONNAQ.js";
import "./chunks/chunk-OS6RU37Q.js";
import "./chunks/chunk-XWRGTH54.js";
import {
  init_define_INPUT_NAMES
} from "./chunks/chunk-PWTYX65F.js";

// src/index.ts
init_define_INPUT_NAMES();
void (isPost() ? post() : run()).finally(() => process.exit());
