import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag2, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag2}${htmlAttrs}>`;
    }
    return `<${tag2}${htmlAttrs}>${content}</${tag2}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code2, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code2), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag2 = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag2, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag2 = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag2, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag2 = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag2) ? tag2 : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function saveState(name, value) {
  const filePath = process.env["GITHUB_STATE"] || "";
  if (filePath) {
    return issueFileCommand("STATE", prepareKeyValueMessage(name, value));
  }
  issueCommand("save-state", { name }, toCommandValue(value));
}
function getState(name) {
  return process.env[`STATE_${name}`] || "";
}

// src/main.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";

// src/github-context.ts
function githubContext(env) {
  const repo = env.GITHUB_REPOSITORY;
  if (!repo) return void 0;
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  let ref = env.GITHUB_REF ?? "";
  const sha = env.GITHUB_SHA ?? "";
  if (sha && ref && !ref.startsWith("refs/")) ref = `refs/heads/${ref}`;
  if (sha && !ref.startsWith("refs/pull/")) ref = sha;
  return `${server}/${repo}.git#${ref}`;
}
function gitAuthHost(context, env) {
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  return context.startsWith(server) ? new URL(server).host : void 0;
}

// src/build-argv.ts
var SECRET_ENV_PREFIX = "MULTIARCH_BUILD_SECRET_";
function buildCommand(inputs, metadataFile, env = process.env) {
  const argv = ["build"];
  const secretEnv = {};
  const add = (flag, values) => {
    for (const v of values) argv.push(flag, v);
  };
  const addOne = (flag, value) => {
    if (value !== void 0) argv.push(flag, value);
  };
  add("--add-host", inputs.addHosts);
  add("--allow", inputs.allow);
  add("--annotation", inputs.annotations);
  add("--attest", inputs.attests);
  add("--build-arg", inputs.buildArgs);
  add("--build-context", inputs.buildContexts);
  add("--cache-from", inputs.cacheFrom);
  add("--cache-to", inputs.cacheTo);
  addOne("--call", inputs.call);
  addOne("--cgroup-parent", inputs.cgroupParent);
  addOne("--file", inputs.file);
  add("--label", inputs.labels);
  add("--no-cache-filter", inputs.noCacheFilters);
  add("--output", inputs.outputs);
  if (inputs.platforms.length > 0) argv.push("--platform", inputs.platforms.join(","));
  addOne("--provenance", inputs.provenance);
  addOne("--sbom", inputs.sbom);
  const secrets = [...inputs.secrets];
  const gitHost = inputs.contextIsLocal ? void 0 : gitAuthHost(inputs.context, env);
  if (gitHost && inputs.githubToken && !secrets.some((s) => s.id.startsWith("GIT_AUTH_TOKEN"))) {
    secrets.push({ id: `GIT_AUTH_TOKEN.${gitHost}`, value: inputs.githubToken });
  }
  secrets.forEach((s, i) => {
    const name = `${SECRET_ENV_PREFIX}${i}`;
    secretEnv[name] = s.value;
    argv.push("--secret", `id=${s.id},env=${name}`);
  });
  add("--secret", inputs.secretEnvs.map((s) => `id=${s.id},env=${s.env}`));
  add("--secret", inputs.secretFiles.map((s) => `id=${s.id},src=${s.path}`));
  addOne("--shm-size", inputs.shmSize);
  add("--ssh", inputs.ssh);
  add("--tag", inputs.tags);
  addOne("--target", inputs.target);
  add("--ulimit", inputs.ulimit);
  argv.push("--metadata-file", metadataFile);
  addOne("--builder", inputs.builder);
  if (inputs.load) argv.push("--load");
  addOne("--network", inputs.network);
  if (inputs.noCache) argv.push("--no-cache");
  if (inputs.pull) argv.push("--pull");
  if (inputs.push) argv.push("--push");
  argv.push(inputs.context);
  return { argv, env: secretEnv };
}
function pushesToRegistry(inputs) {
  if (inputs.push) return true;
  return inputs.outputs.some((o) => {
    const attrs = o.split(",").map((a) => a.trim());
    return attrs.includes("type=registry") || attrs.some((a) => a === "type=image") && attrs.some((a) => /^push=true$/i.test(a));
  });
}

// src/buildx-command.ts
import { existsSync as existsSync2 } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

// src/run-command.ts
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
    child.on("error", (err) => reject(new Error(`cannot run ${file}: ${err.message}`)));
    child.on("close", (code2, signal) => {
      const lines = errText.split(/\r?\n/).filter((l) => l.trim() !== "");
      resolve({
        exitCode: code2 ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderrTail: lines.slice(-tailLines)
      });
    });
    if (opts.input !== void 0 && child.stdin) child.stdin.end(opts.input);
  });
}

// src/buildx-command.ts
var SYSTEM_PLUGIN_DIRS = [
  "/usr/local/lib/docker/cli-plugins",
  "/usr/local/libexec/docker/cli-plugins",
  "/usr/lib/docker/cli-plugins",
  "/usr/libexec/docker/cli-plugins"
];
function pluginCandidates(env) {
  const configDir = env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker");
  return [join(configDir, "cli-plugins"), ...SYSTEM_PLUGIN_DIRS].map((d) => join(d, "docker-buildx"));
}
function locateBuildx(env = process.env) {
  const plugin = pluginCandidates(env).find((p) => existsSync2(p));
  return plugin ? { file: plugin, prefix: [] } : { file: "docker", prefix: ["buildx"] };
}
function runBuildx(buildx, args, opts = {}) {
  return runCommand(buildx.file, [...buildx.prefix, ...args], opts);
}

// src/errors.ts
function errorMessage(error2) {
  if (error2 instanceof Error) return error2.message;
  if (typeof error2 === "string") return error2;
  try {
    return JSON.stringify(error2) ?? String(error2);
  } catch {
    return String(error2);
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

// src/build.ts
var BuildError = class extends Error {
  constructor(exitCode, stderrTail) {
    super(`buildx build failed (exit ${exitCode}): ${finalError(stderrTail)}`);
    this.exitCode = exitCode;
    this.stderrTail = stderrTail;
    this.name = "BuildError";
  }
  exitCode;
  stderrTail;
};
function finalError(stderrTail) {
  const errors = stderrTail.filter((l) => /^ERROR:/.test(l.trim()));
  return oneLine(errors.at(-1) ?? stderrTail.at(-1) ?? "no output");
}
async function runBuild(buildx, cmd) {
  const res = await runBuildx(buildx, cmd.argv, { env: { ...process.env, ...cmd.env }, stream: true });
  if (res.exitCode !== 0) throw new BuildError(res.exitCode, res.stderrTail);
}

// src/input-lists.ts
function split(raw, commas) {
  const out = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  const end = () => {
    const value = wasQuoted ? field : field.trim();
    if (value !== "" && !(!wasQuoted && value.startsWith("#"))) out.push(value);
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quoted) {
      if (ch === '"' && raw[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      field = "";
    } else if (ch === "\n" || commas && ch === ",") end();
    else if (ch !== "\r") field += ch;
  }
  end();
  return out;
}
function splitLines(raw) {
  return split(raw, false);
}
function splitLinesAndCommas(raw) {
  return split(raw, true);
}
function splitKeyValue(item) {
  const at = item.indexOf("=");
  if (at <= 0) return void 0;
  return [item.slice(0, at).trim(), item.slice(at + 1)];
}

// src/input-rules.ts
import { existsSync as existsSync3, statSync } from "node:fs";
var BOOLEAN = /^(true|True|TRUE|false|False|FALSE)$/;
var isBooleanText = (v) => BOOLEAN.test(v);
var booleanValue = (v) => /^true$/i.test(v);
var boolean = (v) => BOOLEAN.test(v) ? void 0 : "is not a boolean (true or false)";
function keyValue(keyRe, what, bareKey = false) {
  return (v) => {
    const kv = splitKeyValue(v);
    const key = kv ? kv[0] : bareKey ? v : void 0;
    if (key === void 0) return `is not of the form ${what}=VALUE`;
    if (!keyRe.test(key)) return `has an invalid ${what} "${key}"`;
    return void 0;
  };
}
var matches = (re, expected) => (v) => re.test(v) ? void 0 : `is not ${expected}`;
var csvAttributes = (requireType) => (v) => {
  const fields = v.split(",").map((f) => f.trim());
  if (fields.some((f) => f === "")) return "has an empty attribute";
  if (requireType && !fields.some((f) => /^type=[a-z0-9-]+$/.test(f))) {
    return "has no type=... attribute";
  }
  return void 0;
};
function pathExists(kind, base = process.cwd()) {
  return (v) => {
    const full = v.startsWith("/") ? v : `${base}/${v}`;
    if (!existsSync3(full)) return "does not exist";
    const st = statSync(full);
    if (kind === "file" && !st.isFile()) return "is not a file";
    if (kind === "dir" && !st.isDirectory()) return "is not a directory";
    return void 0;
  };
}
function isRemoteContext(context) {
  return /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context) || context === "-";
}
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var SECRET_ID = /^[A-Za-z0-9_.-]+$/;
var BUILD_ARG = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
var LABEL_KEY = /^[^\s=]+$/;
var STAGE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
var BUILDER = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
var NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
var SIZE = /^[0-9]+(\.[0-9]+)?([bkmgBKMG][bB]?)?$/;
var ULIMIT = /^[a-z]+=-?[0-9]+(:-?[0-9]+)?$/;
var ADD_HOST = /^[A-Za-z0-9._-]+[:=][0-9A-Fa-f.:[\]]+$/;
var ALLOW = /^(network\.host|security\.insecure|device(=.+)?)$/;
var CALL = /^(build|check|outline|targets)(,[a-z]+=[^,]+)*$/;
var SSH = /^[A-Za-z0-9_.-]+(=[^\s]+)?$/;

// src/platform.ts
var OSES = /* @__PURE__ */ new Set([
  "linux",
  "windows",
  "darwin",
  "freebsd",
  "netbsd",
  "openbsd",
  "illumos",
  "solaris",
  "aix",
  "android",
  "ios",
  "plan9",
  "dragonfly",
  "js",
  "wasip1"
]);
var VARIANTS = {
  amd64: /* @__PURE__ */ new Set(["v1", "v2", "v3", "v4"]),
  arm64: /* @__PURE__ */ new Set([
    "v8",
    "v8.0",
    "v8.1",
    "v8.2",
    "v8.3",
    "v8.4",
    "v8.5",
    "v8.6",
    "v8.7",
    "v8.8",
    "v8.9",
    "v9",
    "v9.0",
    "v9.1",
    "v9.2",
    "v9.3",
    "v9.4",
    "v9.5"
  ]),
  arm: /* @__PURE__ */ new Set(["v5", "v6", "v7", "v8"]),
  "386": /* @__PURE__ */ new Set([]),
  ppc64le: /* @__PURE__ */ new Set(["power8", "power9", "power10"]),
  ppc64: /* @__PURE__ */ new Set([]),
  s390x: /* @__PURE__ */ new Set([]),
  riscv64: /* @__PURE__ */ new Set(["rva20u64", "rva22u64", "rva23u64"]),
  mips64le: /* @__PURE__ */ new Set([]),
  mips64: /* @__PURE__ */ new Set([]),
  mipsle: /* @__PURE__ */ new Set([]),
  mips: /* @__PURE__ */ new Set([]),
  loong64: /* @__PURE__ */ new Set([]),
  wasm: /* @__PURE__ */ new Set([])
};
function parsePlatform(text) {
  const parts = text.split("/");
  const [os5, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !os5 || !architecture) {
    return "is not a platform of the form os/arch[/variant], e.g. linux/arm64";
  }
  if (!OSES.has(os5)) return `has an unknown os "${os5}"`;
  const variants = VARIANTS[architecture];
  if (!variants) return `has an unknown architecture "${architecture}"`;
  if (variant === void 0 || architecture === "arm64" && variant === "v8" || architecture === "amd64" && variant === "v1") return { os: os5, architecture };
  if (!variants.has(variant)) return `has an unknown variant "${variant}" for ${architecture}`;
  return { os: os5, architecture, variant };
}
function formatPlatform(p) {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

// src/reference.ts
var alnum = "[a-z0-9]+";
var separator = "(?:[._]|__|[-]+)";
var pathComponent = `${alnum}(?:${separator}${alnum})*`;
var domainLabel = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var domainName = `${domainLabel}(?:\\.${domainLabel})*`;
var ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
var domain = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
var tag = "[\\w][\\w.-]{0,127}";
var digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
var referenceRe = new RegExp(
  `^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`
);
var domainRe = new RegExp(`^${domain}$`);
var DOCKER_HUB = "docker.io";
function parseReference(text) {
  const m = referenceRe.exec(text);
  if (!m) {
    return referenceRe.test(text.toLowerCase()) ? "must have a lowercase repository name" : "is not a valid image reference ([REGISTRY/]NAME[:TAG])";
  }
  const name = m[1];
  if (name.length > 255) return "has a repository name longer than 255 characters";
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase()) && domainRe.test(first);
  let registry = hasDomain ? first : DOCKER_HUB;
  let repository = hasDomain ? name.slice(slash + 1) : name;
  if (registry === "index.docker.io") registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  const ref = { registry, repository };
  if (m[2] !== void 0) ref.tag = m[2];
  if (m[3] !== void 0) ref.digest = m[3];
  return ref;
}
function apiHost(registry) {
  return registry === DOCKER_HUB ? "registry-1.docker.io" : registry;
}
function isLoopback(registry) {
  const host = registry.replace(/:[0-9]+$/, "");
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

// src/inputs.ts
var DEFAULT_PLATFORMS = "linux/amd64,linux/arm64";
function parseInputs(raw, env = process.env) {
  const text = (name) => raw(name).trim();
  const optional = (name, check) => {
    const v = text(name);
    if (v === "") return void 0;
    checkValue(name, v, check);
    return v;
  };
  const flag = (name, fallback = false) => {
    const v = text(name);
    if (v === "") return fallback;
    checkValue(name, v, boolean);
    return booleanValue(v);
  };
  const lines = (name, check) => checkAll(name, splitLines(raw(name)), check);
  const list = (name, check) => checkAll(name, splitLinesAndCommas(raw(name)), check);
  const context = resolveContext(text("context"), env);
  const contextIsLocal = !isRemoteContext(context);
  if (contextIsLocal) checkValue("context", context, pathExists("dir"));
  const file = optional("file", contextIsLocal ? pathExists("file") : void 0);
  const platforms = list("platforms", platformRule);
  if (text("platforms") === "") platforms.push(...DEFAULT_PLATFORMS.split(","));
  const normalized = platforms.map((p) => formatPlatform(parsePlatform(p)));
  const twice = normalized.find((p, i) => normalized.indexOf(p) !== i);
  if (twice) throw new InputError("platforms", text("platforms"), `lists ${twice} twice`);
  const tags = list("tags", tagRule);
  const push = flag("push");
  const outputs = lines("outputs", csvAttributes(false));
  if (push && tags.length === 0 && outputs.length === 0) {
    throw new InputError("tags", "", "is empty, but push is true: name the image to push");
  }
  const idRule = keyValue(SECRET_ID, "ID");
  const secrets = secretLines(splitLines(raw("secrets")), idRule);
  const secretEnvs = pairs("secret-envs", list("secret-envs", idRule), envNameRule).map(([id, env2]) => ({ id, env: env2 }));
  const secretFiles = pairs("secret-files", lines("secret-files", idRule), pathExists("file")).map(([id, path]) => ({ id, path }));
  return {
    context,
    contextIsLocal,
    file,
    platforms: normalized,
    tags,
    push,
    load: flag("load"),
    buildArgs: lines("build-args", keyValue(BUILD_ARG, "build arg name", true)),
    buildContexts: lines("build-contexts", keyValue(STAGE, "context name")),
    labels: lines("labels", keyValue(LABEL_KEY, "label key")),
    annotations: lines("annotations", keyValue(LABEL_KEY, "annotation key")),
    target: optional("target", matches(STAGE, "a build stage name")),
    secrets,
    secretEnvs,
    secretFiles,
    ssh: lines("ssh", matches(SSH, "default or ID[=PATH[,PATH]]")),
    cacheFrom: lines("cache-from", cacheRule),
    cacheTo: lines("cache-to", csvAttributes(true)),
    outputs,
    noCache: flag("no-cache"),
    noCacheFilters: list("no-cache-filters", matches(STAGE, "a build stage name")),
    pull: flag("pull"),
    provenance: optional("provenance", attestationRule),
    sbom: optional("sbom", attestationRule),
    attests: lines("attests", csvAttributes(true)),
    addHosts: list("add-hosts", matches(ADD_HOST, "of the form HOST:IP")),
    shmSize: optional("shm-size", matches(SIZE, "a size such as 2g or 512m")),
    ulimit: lines("ulimit", matches(ULIMIT, "of the form NAME=SOFT[:HARD]")),
    cgroupParent: optional("cgroup-parent", matches(/^[^\s]+$/, "a cgroup path")),
    call: optional("call", matches(CALL, "build, check, outline or targets")),
    network: optional("network", matches(NETWORK, "a network mode (default, none, host)")),
    allow: list("allow", matches(ALLOW, "an entitlement (network.host, security.insecure)")),
    builder: optional("builder", matches(BUILDER, "a builder name")),
    githubToken: optional("github-token")
  };
}
function checkValue(name, value, check) {
  const why = check?.(value);
  if (why !== void 0) throw new InputError(name, value, why);
}
function pairs(name, items, valueRule) {
  return items.map((item) => {
    const [id, value] = splitKeyValue(item);
    const why = valueRule?.(value);
    if (why !== void 0) throw new InputError(name, item, `has a value that ${why}`);
    return [id, value];
  });
}
var envNameRule = (v) => ENV_NAME.test(v) ? void 0 : "is not a valid environment variable name";
function secretLines(items, idRule) {
  return items.map((item, i) => {
    const why = idRule(item);
    const id = splitKeyValue(item)?.[0];
    if (why !== void 0) throw new InputError("secrets", `line ${i + 1}${id ? ` (ID ${id})` : ""}`, why);
    const [key, value] = splitKeyValue(item);
    return { id: key, value };
  });
}
function checkAll(name, values, check) {
  for (const v of values) checkValue(name, v, check);
  return values;
}
var platformRule = (v) => {
  const p = parsePlatform(v);
  return typeof p === "string" ? p : void 0;
};
var tagRule = (v) => {
  const ref = parseReference(v);
  if (typeof ref === "string") return ref;
  return ref.digest ? "has a digest; a tag cannot" : void 0;
};
var cacheRule = (v) => v.includes("=") ? csvAttributes(true)(v) : tagRule(v) && "is neither type=... nor an image reference";
var attestationRule = (v) => isBooleanText(v) ? void 0 : csvAttributes(false)(v) ?? (v.split(",").every((f) => f.includes("=")) ? void 0 : "is not true, false or KEY=VALUE,...");
function resolveContext(value, env) {
  const git = githubContext(env);
  if (value === "") return git ?? ".";
  if (!value.includes("{{defaultContext}}")) return value;
  if (!git) throw new InputError("context", value, "uses {{defaultContext}} outside a GitHub workflow");
  return value.replace("{{defaultContext}}", git);
}
function getInputs() {
  return parseInputs((name) => getInput(name));
}

// src/metadata.ts
import { readFileSync } from "node:fs";
function parseMetadata(raw) {
  const json = JSON.parse(raw);
  const str = (key) => typeof json[key] === "string" ? json[key] : void 0;
  const meta = { raw };
  const digest2 = str("containerimage.digest");
  const configDigest = str("containerimage.config.digest");
  if (digest2) meta.digest = digest2;
  if (configDigest) meta.configDigest = configDigest;
  return meta;
}
function readMetadata(file) {
  let raw;
  try {
    raw = readFileSync(file, "utf8");
  } catch {
    return { raw: "{}" };
  }
  return parseMetadata(raw.trim() === "" ? "{}" : raw);
}
function imageId(meta) {
  return meta.configDigest ?? meta.digest ?? "";
}

// src/outputs.ts
function setOutputs(r) {
  setOutput("digest", r.digest);
  setOutput("digests", JSON.stringify(r.digests));
  setOutput("imageid", r.imageid);
  setOutput("metadata", r.metadata);
  setOutput("platforms", r.platforms.join(","));
}
async function writeSummary(r) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const tags = r.tags.join("<br>") || "(none)";
  const rows = r.platforms.map((p) => [p, code(r.digests[p] ?? ""), tags]);
  await summary.addHeading("multiarch-build", 3).addTable([
    [{ data: "platform", header: true }, { data: "digest", header: true }, { data: "tags", header: true }],
    ...rows
  ]).addRaw(r.pushed ? `index digest: ${code(r.digest)}` : "not pushed: digests are not in a registry", true).write();
}
function code(text) {
  return text ? `<code>${text}</code>` : "";
}

// src/digests.ts
var INDEX_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json"
];
var MANIFEST_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json"
];
function isIndex(mediaType, json) {
  return mediaType !== void 0 && INDEX_TYPES.includes(mediaType) || Array.isArray(json.manifests);
}
function isAttestation(d) {
  return d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest" || d.platform?.os === "unknown" && d.platform.architecture === "unknown";
}
function platformDigests(index) {
  const out = {};
  for (const d of index.manifests ?? []) {
    if (isAttestation(d) || !d.platform) continue;
    out[formatPlatform(d.platform)] = d.digest;
  }
  return out;
}

// src/pushed-image.ts
async function readPushed(names, client) {
  const refs = names.map((name) => {
    const ref = parseReference(name);
    if (typeof ref === "string") throw new Error(`cannot read ${name} back from its registry: it ${ref}`);
    return ref;
  });
  const manifests = await Promise.all(refs.map((r) => client.manifest(r)));
  const first = manifests[0];
  const firstRef = refs[0];
  if (!first || !firstRef) throw new Error("no pushed name to read back from the registry");
  const differ = manifests.findIndex((m) => m.digest !== first.digest);
  if (differ > 0) {
    throw new Error(`the registry serves ${first.digest} for ${names[0]} but ${manifests[differ]?.digest} for ${names[differ]}`);
  }
  if (isIndex(first.mediaType, first.json)) {
    return { digest: first.digest, digests: platformDigests(first.json) };
  }
  const configDigest = first.json.config?.digest;
  if (!configDigest) throw new Error(`${names[0]}: the registry serves a manifest without a config`);
  const config = await client.blobJson(firstRef, configDigest);
  return { digest: first.digest, digests: { [formatPlatform(config)]: first.digest } };
}
function pushedNames(tags, outputs) {
  const names = [...tags];
  for (const output of outputs) {
    for (const field of splitLinesAndCommas(output)) {
      if (field.startsWith("name=")) names.push(...splitLinesAndCommas(field.slice(5)));
    }
  }
  return [...new Set(names)];
}

// src/registry-client.ts
import { createHash } from "node:crypto";

// src/registry-credentials.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { homedir as homedir2 } from "node:os";
import { join as join2 } from "node:path";
var HUB_KEY = "https://index.docker.io/v1/";
function readDockerConfig(env = process.env) {
  const dir = env.DOCKER_CONFIG || join2(env.HOME || homedir2(), ".docker");
  try {
    return JSON.parse(readFileSync2(join2(dir, "config.json"), "utf8"));
  } catch {
    return {};
  }
}
function hostOfKey(key) {
  return key.replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "");
}
function sameRegistry(key, registry) {
  const host = hostOfKey(key);
  if (registry === DOCKER_HUB) return ["index.docker.io", "docker.io", "registry-1.docker.io"].includes(host);
  return host === registry;
}
function inlineCredentials(config, registry) {
  const entry = Object.entries(config.auths ?? {}).find(([k]) => sameRegistry(k, registry))?.[1];
  if (!entry) return void 0;
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const at = decoded.indexOf(":");
    if (at > 0) return { username: decoded.slice(0, at), password: decoded.slice(at + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return void 0;
}
function helperFor(config, registry) {
  const own = Object.entries(config.credHelpers ?? {}).find(([k]) => sameRegistry(k, registry));
  return own?.[1] ?? config.credsStore;
}
async function credentialsFor(registry, config = readDockerConfig()) {
  const helper = helperFor(config, registry);
  if (helper) {
    const fromHelper = await askHelper(helper, registry === DOCKER_HUB ? HUB_KEY : registry);
    if (fromHelper) return fromHelper;
  }
  return inlineCredentials(config, registry);
}
async function askHelper(helper, server) {
  try {
    const res = await runCommand(`docker-credential-${helper}`, ["get"], { input: server });
    if (res.exitCode !== 0) return void 0;
    const parsed = JSON.parse(res.stdout);
    if (!parsed.Secret) return void 0;
    return parsed.Username === "<token>" ? { identityToken: parsed.Secret } : { username: parsed.Username ?? "", password: parsed.Secret };
  } catch {
    return void 0;
  }
}

// src/registry-client.ts
var ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(", ");
var TIMEOUT_MS = 3e4;
var RegistryError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "RegistryError";
  }
  status;
};
function parseChallenge(header) {
  const space = header.indexOf(" ");
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) {
    params[m[1].toLowerCase()] = m[2];
  }
  return { scheme, params };
}
var RegistryClient = class {
  constructor(config = readDockerConfig()) {
    this.config = config;
  }
  config;
  authHeaders = /* @__PURE__ */ new Map();
  schemes = /* @__PURE__ */ new Map();
  async manifest(ref) {
    const which2 = ref.digest ?? ref.tag ?? "latest";
    const res = await this.get(ref, `manifests/${which2}`, ACCEPT);
    const body = Buffer.from(await res.arrayBuffer());
    const digest2 = `sha256:${createHash("sha256").update(body).digest("hex")}`;
    const json = JSON.parse(body.toString("utf8"));
    return { digest: digest2, mediaType: json.mediaType ?? res.headers.get("content-type") ?? "", json };
  }
  async blobJson(ref, digest2) {
    const res = await this.get(ref, `blobs/${digest2}`, "*/*");
    return await res.json();
  }
  async get(ref, path, accept) {
    const scope = `${ref.registry}/${ref.repository}`;
    const url = async () => `${await this.scheme(ref.registry)}://${apiHost(ref.registry)}/v2/${ref.repository}/${path}`;
    const headers = { accept };
    const cached = this.authHeaders.get(scope);
    if (cached) headers.authorization = cached;
    let res = await this.fetch(await url(), headers);
    if (res.status === 401) {
      const auth = await this.authorize(ref, res.headers.get("www-authenticate") ?? "");
      this.authHeaders.set(scope, auth);
      res = await this.fetch(await url(), { ...headers, authorization: auth });
    }
    if (!res.ok) {
      const detail = (await res.text().catch(() => "")).slice(0, 300).trim();
      throw new RegistryError(
        `${ref.registry}/${ref.repository}: GET ${path} answered ${res.status}${detail ? `: ${detail}` : ""}`,
        res.status
      );
    }
    return res;
  }
  async fetch(url, headers) {
    try {
      return await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error2) {
      const cause = error2.cause?.message;
      throw new RegistryError(`GET ${url} failed: ${cause ?? error2.message}`);
    }
  }
  /** Loopback registries speak plain HTTP unless they turn out to speak TLS. */
  async scheme(registry) {
    const known = this.schemes.get(registry);
    if (known) return known;
    let scheme = "https";
    if (isLoopback(registry)) {
      scheme = "http";
      try {
        await fetch(`http://${registry}/v2/`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch {
        scheme = "https";
      }
    }
    this.schemes.set(registry, scheme);
    return scheme;
  }
  async authorize(ref, challenge) {
    const { scheme, params } = parseChallenge(challenge);
    const creds = await credentialsFor(ref.registry, this.config);
    if (scheme === "basic") {
      if (!creds?.username) throw new RegistryError(`${ref.registry} asks for credentials and none are configured (log in first)`, 401);
      return `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ""}`).toString("base64")}`;
    }
    if (scheme !== "bearer" || !params.realm) {
      throw new RegistryError(`${ref.registry} sent an authentication challenge this client does not know: ${challenge}`, 401);
    }
    return `Bearer ${await this.token(params, `repository:${ref.repository}:pull`, creds)}`;
  }
  async token(params, scope, creds) {
    const realm = new URL(params.realm);
    let res;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: creds.identityToken,
        service: params.service ?? "",
        scope,
        client_id: "multiarch-build"
      });
      res = await fetch(realm, { method: "POST", body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } else {
      if (params.service) realm.searchParams.set("service", params.service);
      realm.searchParams.set("scope", scope);
      const headers = {};
      if (creds?.username) {
        headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ""}`).toString("base64")}`;
      }
      res = await fetch(realm, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    }
    if (!res.ok) throw new RegistryError(`token endpoint ${realm.host} answered ${res.status}`, res.status);
    const body = await res.json();
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token endpoint ${realm.host} returned no token`);
    return token;
  }
};

// src/state.ts
var IS_POST = "isPost";
function isPost() {
  return getState(IS_POST) === "true";
}
function markMainStarted() {
  saveState(IS_POST, "true");
}

// src/main.ts
async function run() {
  markMainStarted();
  const workDir = mkdtempSync(join3(process.env.RUNNER_TEMP || tmpdir(), "multiarch-build-"));
  try {
    const inputs = getInputs();
    maskSecrets(inputs);
    const metadataFile = join3(workDir, "metadata.json");
    await runBuild(locateBuildx(), buildCommand(inputs, metadataFile));
    const results = await collectResults(inputs, metadataFile);
    setOutputs(results);
    await writeSummary(results);
  } catch (error2) {
    setFailed(oneLine(errorMessage(error2)));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
async function collectResults(inputs, metadataFile) {
  const meta = readMetadata(metadataFile);
  const pushed = pushesToRegistry(inputs);
  const base = { imageid: imageId(meta), metadata: meta.raw, tags: inputs.tags, pushed };
  if (!pushed) {
    return { ...base, digest: meta.digest ?? "", digests: {}, platforms: inputs.platforms };
  }
  const image = await readPushed(pushedNames(inputs.tags, inputs.outputs), new RegistryClient());
  return { ...base, ...image, platforms: Object.keys(image.digests) };
}
function maskSecrets(inputs) {
  const values = [...inputs.secrets.map((s) => s.value), inputs.githubToken ?? ""];
  for (const v of values) {
    if (v === "") continue;
    setSecret(v);
    for (const line of v.split(/\r?\n/)) if (line.trim().length > 2) setSecret(line);
  }
}

// src/post.ts
async function post() {
  try {
    info("multiarch-build: nothing left to clean up");
  } catch (error2) {
    warning(`cleanup: ${errorMessage(error2)}`);
  }
}

// src/index.ts
void (isPost() ? post() : run()).finally(() => process.exit());
