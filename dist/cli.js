#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  INPUT_NAMES,
  exitWhenFlushed,
  post,
  run
} from "./chunks/pipeline.js";
import "./chunks/run-command.js";
import "./chunks/cache-service.js";
import {
  errorMessage
} from "./chunks/errors.js";
import "./chunks/platform.js";
import "./chunks/github-run.js";
import "./chunks/actions-core.js";
import "./chunks/esbuild-runtime.js";

// src/cli/cli.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/cli/cli-args.ts
function parseCliArgs(argv, known) {
  const inputs = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(arg)}: flags are --INPUT-NAME VALUE`);
    const name = m[1] ?? "";
    if (!known.includes(name)) throw new Error(`unknown flag --${name} (see --help)`);
    let value = m[2];
    if (value === void 0) {
      const next = argv[i + 1];
      value = next === void 0 || next.startsWith("--") ? "true" : next;
      if (value === next) i++;
    }
    inputs[name] = inputs[name] === void 0 ? value : `${inputs[name]}
${value}`;
  }
  return { inputs, help };
}
function parseFileCommands(text) {
  const out = {};
  for (const m of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1] ?? ""] = m[3] ?? "";
  return out;
}
function summaryText(html) {
  return html.replace(/<\/(tr|h\d|p)>|<br>/g, "\n").replace(/<\/t[dh]>/g, "  ").replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\n{3,}/g, "\n\n").trim();
}

// src/cli/cli.ts
async function cli() {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2), INPUT_NAMES);
  } catch (error) {
    process.stderr.write(`multiarch-build: ${errorMessage(error)}
`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`usage: multiarch-build [--INPUT VALUE]...

inputs (as in action.yml): ${INPUT_NAMES.map((n) => `--${n}`).join(" ")}

Prints the outputs as JSON on stdout; the log and the summary go to stderr. Example:
  multiarch-build --context . --builder default --platforms linux/amd64,linux/arm64 --tags localhost:5000/app:dev --push
`);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), "multiarch-build-cli-"));
  const files = {
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_STATE: join(dir, "state"),
    GITHUB_STEP_SUMMARY: join(dir, "summary")
  };
  for (const [name, file] of Object.entries(files)) {
    writeFileSync(file, "");
    process.env[name] = file;
  }
  for (const [name, value] of Object.entries(args.inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  process.env.RUNNER_TEMP ??= dir;
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  try {
    await run();
    const mainCode = process.exitCode ?? 0;
    for (const [k, v] of Object.entries(parseFileCommands(readFileSync(files.GITHUB_STATE, "utf8")))) {
      process.env[`STATE_${k}`] = v;
    }
    await post();
    process.stdout.write = stdoutWrite;
    stdoutWrite(`${JSON.stringify(parseFileCommands(readFileSync(files.GITHUB_OUTPUT, "utf8")), null, 2)}
`);
    const summary = summaryText(readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"));
    if (summary) process.stderr.write(`
${summary}
`);
    return Number(mainCode);
  } finally {
    process.stdout.write = stdoutWrite;
    rmSync(dir, { recursive: true, force: true });
  }
}
void cli().then((code) => exitWhenFlushed(code));
