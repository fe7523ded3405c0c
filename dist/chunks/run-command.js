#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  debug
} from "./actions-core.js";

// src/runtime/run-command.ts
import { spawn } from "node:child_process";
function runCommand(file, args, opts = {}) {
  debug(`run: ${JSON.stringify([file, ...args])}`);
  const tailLines = opts.tailLines ?? 40;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      ...opts.cwd ? { cwd: opts.cwd } : {},
      stdio: [opts.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
      shell: false
    });
    const out = [];
    let errText = "";
    const stop = (first) => {
      child.kill(first);
      setTimeout(() => child.kill("SIGTERM"), 2e3).unref();
      setTimeout(() => child.kill("SIGKILL"), 5e3).unref();
    };
    child.stdout?.on("data", (chunk) => {
      out.push(chunk);
      if (opts.stream) process.stdout.write(chunk);
    });
    const finish = opts.finishAfterMs === void 0 ? void 0 : setTimeout(() => child.kill("SIGTERM"), opts.finishAfterMs);
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      stop("SIGINT");
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener("abort", onAbort, { once: true });
    let partial = "";
    child.stderr?.on("data", (chunk) => {
      if (opts.stream) process.stderr.write(chunk);
      if (opts.onStderrLine) {
        const lines = (partial + chunk.toString("utf8")).split(/\r?\n/);
        partial = lines.pop() ?? "";
        for (const line of lines) opts.onStderrLine(line);
      }
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
      clearTimeout(finish);
      opts.signal?.removeEventListener("abort", onAbort);
      const lines = errText.split(/\r?\n/).filter((l) => l.trim() !== "");
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderrTail: lines.slice(-tailLines),
        timedOut,
        ...aborted ? { aborted } : {}
      });
    });
    if (opts.input !== void 0 && child.stdin) child.stdin.end(opts.input);
  });
}
function lastLine(stderrTail) {
  return stderrTail.map((l) => l.trim()).filter((l) => l !== "").at(-1) ?? "no output";
}

export {
  runCommand,
  lastLine
};
