#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// <define:__INPUT_NAMES__>
var define_INPUT_NAMES_default;
var init_define_INPUT_NAMES = __esm({
  "<define:__INPUT_NAMES__>"() {
    define_INPUT_NAMES_default = ["context", "file", "platforms", "tags", "push", "load", "build-args", "build-contexts", "labels", "annotations", "target", "secrets", "secret-envs", "secret-files", "ssh", "cache-from", "cache-to", "outputs", "no-cache", "no-cache-filters", "pull", "provenance", "sbom", "attests", "add-hosts", "shm-size", "ulimit", "cgroup-parent", "call", "network", "allow", "builder", "driver", "driver-opts", "buildkit-image", "buildkitd-flags", "buildkitd-config-inline", "nodes", "host-network", "boot-timeout", "boot-retries", "cleanup", "registry-ca", "insecure-registries", "registry-mirrors", "cache-keep-storage", "qemu", "qemu-image", "qemu-platforms", "mode", "push-by-digest", "image", "sources", "retries", "retry-delay", "attempt-timeout", "buildx-version", "buildx-url", "github-token"];
  }
});

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  init_define_INPUT_NAMES,
  define_INPUT_NAMES_default
};
