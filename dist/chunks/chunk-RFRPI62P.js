#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  init_define_INPUT_NAMES
} from "./chunk-PWTYX65F.js";

// src/runtime/errors.ts
init_define_INPUT_NAMES();
function errorMessage(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
var InputError = class extends Error {
  constructor(input, value, why) {
    super(`Input "${input}": ${JSON.stringify(oneLine(value))} ${why}`);
    this.name = "InputError";
  }
};
function oneLine(text) {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
function finalError(stderrTail) {
  const lines = stderrTail.map((l) => l.trim());
  const error = lines.filter((l) => l.startsWith("ERROR:")).at(-1) ?? lines.map((l) => /^#\d+ (ERROR: .*)$/.exec(l)?.[1]).filter((l) => l !== void 0).at(-1) ?? lines.filter((l) => l !== "" && !/^-+$|^> /.test(l)).at(-1);
  return oneLine(error ?? "no output");
}
function withFix(message, fix) {
  return fix ? `${message.replace(/[.\s]+$/, "")}. Fix: ${fix}` : message;
}

export {
  errorMessage,
  InputError,
  oneLine,
  finalError,
  withFix
};
