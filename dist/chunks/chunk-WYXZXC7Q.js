#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  init_define_INPUT_NAMES
} from "./chunk-PWTYX65F.js";

// src/runtime/run-command.ts
init_define_INPUT_NAMES();
import { spawn } from "node:child_process";
function runCommand(file, args, opts = {}) {
  const tailLines = opts.tailLines ?? 40;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      stdio: [opts.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
      shell: false
    });
    const out = [];
    let errText = "";
    child.stdout?.on("data", (chunk) => {
      out.push(chunk);
      if (opts.stream) process.stdout.write(chunk);
    });
    child.stderr?.on("data", (chunk) => {
      if (opts.stream) process.stderr.write(chunk);
      errText += chunk.toString("utf8");
      if (errText.length > 256 * 1024) errText = errText.slice(-128 * 1024);
    });
    let timedOut = false;
    const timer = opts.timeoutMs === void 0 ? void 0 : setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3e3).unref();
    }, opts.timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${file}: ${err.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const lines = errText.split(/\r?\n/).filter((l) => l.trim() !== "");
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderrTail: lines.slice(-tailLines),
        timedOut
      });
    });
    if (opts.input !== void 0 && child.stdin) child.stdin.end(opts.input);
  });
}

// src/qemu/binfmt.ts
init_define_INPUT_NAMES();
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
var BINFMT_DIR = "/proc/sys/fs/binfmt_misc";
var ARCHES = {
  arm64: ["qemu-aarch64", "arm64"],
  arm: ["qemu-arm", "arm"],
  amd64: ["qemu-x86_64", "amd64"],
  "386": ["qemu-i386", "386"],
  riscv64: ["qemu-riscv64", "riscv64"],
  ppc64le: ["qemu-ppc64le", "ppc64le"],
  s390x: ["qemu-s390x", "s390x"],
  mips64le: ["qemu-mips64el", "mips64le"],
  mips64: ["qemu-mips64", "mips64"],
  loong64: ["qemu-loongarch64", "loong64"]
};
function handlerFor(platform) {
  const [os, arch] = platform.split("/");
  const entry = os === "linux" && arch ? ARCHES[arch] : void 0;
  return entry ? { handler: entry[0], install: entry[1] } : void 0;
}
function parseHandler(text) {
  const lines = text.split("\n");
  return {
    enabled: lines[0]?.trim() === "enabled",
    interpreter: /^interpreter (.*)$/m.exec(text)?.[1]?.trim() ?? "",
    flags: /^flags: ?(.*)$/m.exec(text)?.[1]?.trim() ?? ""
  };
}
function readHandler(name, dir = BINFMT_DIR) {
  const file = join(dir, name);
  if (!existsSync(file)) return void 0;
  try {
    return parseHandler(readFileSync(file, "utf8"));
  } catch {
    return void 0;
  }
}
function binfmtMounted(dir = BINFMT_DIR) {
  return existsSync(join(dir, "status"));
}
function hostPlatforms(arch = process.arch) {
  switch (arch) {
    case "x64":
      return ["linux/amd64", "linux/386"];
    case "arm64":
      return ["linux/arm64"];
    case "arm":
      return ["linux/arm/v7", "linux/arm/v6"];
    case "ppc64":
      return ["linux/ppc64le"];
    case "s390x":
      return ["linux/s390x"];
    case "riscv64":
      return ["linux/riscv64"];
    default:
      return [];
  }
}

export {
  runCommand,
  BINFMT_DIR,
  handlerFor,
  readHandler,
  binfmtMounted,
  hostPlatforms
};
