#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  exitWhenFlushed,
  isPost,
  post,
  run
} from "./chunks/pipeline.js";
import "./chunks/run-command.js";
import "./chunks/cache-service.js";
import "./chunks/errors.js";
import "./chunks/platform.js";
import "./chunks/github-run.js";
import "./chunks/actions-core.js";
import "./chunks/esbuild-runtime.js";

// src/index.ts
void (isPost() ? post() : run()).finally(() => exitWhenFlushed());
