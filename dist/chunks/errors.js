#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/shared/errors.ts
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
function withFix(message, fix) {
  return fix ? `${message.replace(/[.\s]+$/, "")}. Fix: ${fix}` : message;
}

export {
  errorMessage,
  InputError,
  oneLine,
  withFix
};
