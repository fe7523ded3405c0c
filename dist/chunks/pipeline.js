#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  runCommand
} from "./run-command.js";
import {
  cacheService,
  cacheServiceAvailable,
  cachedImage
} from "./cache-service.js";
import {
  InputError,
  errorMessage,
  oneLine,
  withFix
} from "./errors.js";
import {
  PlatformListError,
  formatPlatform,
  hostPlatforms,
  normalizePlatform,
  parsePlatform,
  platformProblem,
  readPlatformList,
  seenPlatform,
  slug
} from "./platform.js";
import {
  DEFAULT_CONTEXT,
  DOCKER_HUB,
  DOMAIN,
  HUB_API,
  LEGACY_HUB,
  REGISTRY_HOST,
  booleanValue,
  defaultGitContext,
  envSwitch,
  gitAuthHost,
  githubRun,
  hostOf,
  isBooleanText,
  isDockerHub,
  isRegistryHost,
  runOf
} from "./github-run.js";
import {
  debug,
  endGroup,
  getInput,
  getState,
  info,
  notice,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./actions-core.js";

// src/runtime/state.ts
var IS_POST = "isPost";
var BUILDER = "builder";
function isPost() {
  return getState(IS_POST) === "true";
}
function markMainStarted() {
  saveState(IS_POST, "true");
}
function saveBuilderToRemove(name) {
  saveState(BUILDER, name);
}
function builderToRemove() {
  return getState(BUILDER);
}
var IMAGE_NAME = "imageName";
function saveImageNameToRemove(name) {
  saveState(IMAGE_NAME, name);
}
function imageNameToRemove() {
  return getState(IMAGE_NAME);
}
var BUILDX = "buildx";
function saveBuildxPath(file) {
  saveState(BUILDX, file);
}
function savedBuildxPath() {
  return getState(BUILDX);
}

// src/inputs/action-inputs.ts
var ACTION_INPUTS = JSON.parse('{"context":"","file":"","platforms":"linux/amd64,linux/arm64","tags":"","files":"","targets":"","set":"","source":"","workdir":".","push":"false","load":"false","build-args":"","build-contexts":"","labels":"","annotations":"","target":"","secrets":"","secret-envs":"","secret-files":"","ssh":"","cache-from":"","cache-to":"","cache":"auto","fan-out-platforms":"","outputs":"","no-cache":"false","no-cache-filters":"","pull":"false","provenance":"","sbom":"","attests":"","add-hosts":"","shm-size":"","ulimit":"","cgroup-parent":"","call":"","network":"","allow":"","builder":"","driver":"docker-container","driver-opts":"","buildkit-image":"moby/buildkit:v0.32.2@sha256:28a898719c18a33f4e8000685287fa36fd0dd9560c6440227d3a732d79bb41d8","buildkitd-flags":"","buildkitd-config-inline":"","nodes":"","host-network":"true","boot-timeout":"60","boot-retries":"2","cleanup":"true","registry-ca":"","insecure-registries":"","registry-mirrors":"","cache-keep-storage":"","qemu":"auto","qemu-image":"tonistiigi/binfmt:qemu-v10.2.3-68@sha256:400a4873b838d1b89194d982c45e5fb3cda4593fbfd7e08a02e76b03b21166f0","qemu-platforms":"","mode":"build","push-by-digest":"false","image":"","sources":"","retries":"2","retry-delay":"5","attempt-timeout":"","buildx-version":"","buildx-url":"https://github.com/docker/buildx/releases/download/{version}/buildx-{version}.{os}-{arch}","runners":"","group-by-runner":"false","sign":"auto","sign-key":"","sign-identity":"","sign-tlog":"auto","verify-sources":"false","cosign-version":"","cosign-url":"https://github.com/sigstore/cosign/releases/download/{version}/cosign-{os}-{arch}","sigstore-signing-config":"","fulcio-url":"","rekor-url":"","sigstore-trusted-root":"","github-token":""}');
var INPUT_NAMES = Object.keys(ACTION_INPUTS);

// src/runtime/exit.ts
var flushed = (stream) => new Promise((resolve2) => {
  if (stream.writableLength === 0) resolve2();
  else stream.write("", () => resolve2());
});
async function exitWhenFlushed(code2, deadlineMs = 3e4) {
  let timer;
  const deadline = new Promise((resolve2) => {
    timer = setTimeout(resolve2, deadlineMs);
    timer.unref();
  });
  await Promise.race([Promise.all([flushed(process.stdout), flushed(process.stderr)]), deadline]);
  clearTimeout(timer);
  if (code2 !== void 0) process.exitCode = code2;
  return process.exit();
}

// src/main.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join16 } from "node:path";

// src/shared/lists.ts
var UnclosedQuoteError = class extends Error {
  constructor() {
    super("has a double quote that is never closed");
    this.name = "UnclosedQuoteError";
  }
};
function quotedFields(raw, isSeparator) {
  const out = [];
  let field = "";
  let inQuotes = false;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (inQuotes) {
      if (ch === '"' && raw[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === "") {
      inQuotes = true;
      quoted = true;
      field = "";
    } else if (isSeparator(ch)) {
      out.push({ text: field, quoted });
      field = "";
      quoted = false;
    } else if (ch !== "\r") field += ch;
  }
  if (inQuotes) throw new UnclosedQuoteError();
  out.push({ text: field, quoted });
  return out;
}
function split(raw, commas) {
  return quotedFields(raw, (ch) => ch === "\n" || commas && ch === ",").map((f) => ({ ...f, text: f.quoted ? f.text : f.text.trim() })).filter((f) => f.text !== "" && (f.quoted || !f.text.startsWith("#"))).map((f) => f.text);
}
function splitLines(raw) {
  return split(raw, false);
}
function splitLinesAndCommas(raw) {
  return split(raw, true);
}
function keyAndValue(item) {
  return splitKeyValue(item) ?? [item, ""];
}
function splitKeyValue(item) {
  const at = item.indexOf("=");
  if (at <= 0) return void 0;
  return [item.slice(0, at).trim(), item.slice(at + 1)];
}

// src/shared/csv-attributes.ts
function csvFields(value) {
  return quotedFields(value, (ch) => ch === ",").map((f) => f.text.trim());
}
function csvAttributes(value) {
  const attrs = /* @__PURE__ */ new Map();
  for (const f of csvFields(value)) {
    const at = f.indexOf("=");
    if (at > 0) attrs.set(f.slice(0, at).trim().toLowerCase(), f.slice(at + 1).trim());
  }
  return attrs;
}
function outputPushes(output) {
  const a = csvAttributes(output);
  return a.get("type") === "registry" || a.get("type") === "image" && /^true$/i.test(a.get("push") ?? "");
}
function outputNames(output) {
  if (!outputPushes(output)) return [];
  return (csvAttributes(output).get("name") ?? "").split(",").map((n) => n.trim()).filter(Boolean);
}
function csvField(field) {
  return /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
function csvJoin(fields) {
  return fields.map(csvField).join(",");
}

// src/image-build/attestations.ts
var typeOf = (attest) => csvAttributes(attest).get("type");
function resolveBooleans(attrs) {
  return csvJoin(csvFields(attrs).map((f) => isBooleanText(f) ? `disabled=${!booleanValue(f)}` : f));
}
function withBuilderId(attrs, runUrl) {
  if (!runUrl || csvAttributes(attrs).has("builder-id")) return attrs;
  const field = csvField(`builder-id=${runUrl}`);
  return attrs === "" ? field : `${attrs},${field}`;
}
function provenanceInput(value, runUrl) {
  if (isBooleanText(value)) return booleanValue(value) ? withBuilderId("", runUrl) : "false";
  return withBuilderId(value, runUrl);
}
var hasDockerExporter = (inputs) => inputs.load || inputs.outputs.some((o) => typeOf(o) === "docker");
function attestArgs(inputs, ctx) {
  const runUrl = inputs.github.runUrl;
  const out = [];
  if (inputs.provenance !== void 0) {
    out.push(resolveBooleans(`type=provenance,${provenanceInput(inputs.provenance, runUrl)}`));
  } else if (ctx.buildkitAttests && defaultProvenanceWanted(inputs, ctx.env)) {
    const attrs = inputs.github.privateRepo ? "mode=min,inline-only=true" : "mode=max";
    out.push(`type=provenance,${withBuilderId(attrs, runUrl)}`);
  }
  if (inputs.sbom !== void 0) out.push(resolveBooleans(`type=sbom,${inputs.sbom}`));
  for (const attest of inputs.attests) {
    const type = typeOf(attest);
    if (type !== "provenance" && type !== "sbom") out.push(resolveBooleans(attest));
    else if (type === "provenance" && inputs.provenance === void 0) out.push(withBuilderId(attest, runUrl));
    else if (type === "sbom" && inputs.sbom === void 0) out.push(attest);
  }
  return out.flatMap((a) => ["--attest", a]);
}
function defaultProvenanceWanted(inputs, env) {
  if (!inputs.github.runUrl || envSwitch(env.BUILDX_NO_DEFAULT_ATTESTATIONS)) return false;
  return inputs.provenance === void 0 && !inputs.attests.some((a) => typeOf(a) === "provenance") && !hasDockerExporter(inputs);
}

// src/image-build/build-argv.ts
var SECRET_ENV_PREFIX = "MULTIARCH_BUILD_SECRET_";
function expandDefaultContext(text2, inputs, gitQuery2 = false) {
  const git = inputs.github.git;
  if (!git || !text2.includes(DEFAULT_CONTEXT)) return text2;
  return text2.replaceAll(DEFAULT_CONTEXT, defaultGitContext(git, gitQuery2));
}
function buildCommand(inputs, metadataFile, env = process.env, target = { name: inputs.builder, hostNetwork: false }) {
  const argv = ["build"];
  const context = expandDefaultContext(inputs.context, inputs, target.gitQuery);
  const network = inputs.network ?? (target.hostNetwork ? "host" : void 0);
  const allow = [...inputs.allow];
  if (target.hostNetwork && network === "host" && !allow.includes("network.host")) allow.push("network.host");
  const buildxEnv = { ...target.env, BUILDX_METADATA_WARNINGS: "true" };
  let secretCount = 0;
  const add = (flag, values) => {
    for (const v of values) argv.push(flag, v);
  };
  const addOne = (flag, value) => {
    if (value !== void 0) argv.push(flag, value);
  };
  add("--add-host", inputs.addHosts);
  add("--allow", allow);
  add("--annotation", inputs.annotations);
  add("--build-arg", inputs.buildArgs);
  add("--build-context", inputs.buildContexts.map((c) => expandDefaultContext(c, inputs, target.gitQuery)));
  add("--cache-from", inputs.cacheFrom);
  add("--cache-to", inputs.cacheTo);
  addOne("--call", inputs.call);
  addOne("--cgroup-parent", inputs.cgroupParent);
  add("--secret", inputs.secretEnvs.map((s) => `id=${s.id},env=${s.env}`));
  addOne("--file", inputs.file);
  add("--label", inputs.labels);
  add("--no-cache-filter", inputs.noCacheFilters);
  add("--output", inputs.outputs);
  if (inputs.release.pushByDigest) {
    argv.push("--output", csvJoin([
      "type=image",
      `name=${inputs.release.repositories.join(",")}`,
      "push-by-digest=true",
      "name-canonical=true",
      "push=true"
    ]));
  }
  if (inputs.platforms.length > 0) argv.push("--platform", inputs.platforms.join(","));
  argv.push(...attestArgs(inputs, { buildkitAttests: target.buildkitAttests ?? false, env }));
  const envSecret = (id, value) => {
    const name = `${SECRET_ENV_PREFIX}${secretCount++}`;
    buildxEnv[name] = value;
    argv.push("--secret", `id=${id},env=${name}`);
  };
  for (const s of inputs.secrets) envSecret(s.id, s.value);
  add("--secret", inputs.secretFiles.map((s) => `id=${s.id},src=${s.path}`));
  const gitHost = inputs.contextIsLocal ? void 0 : gitAuthHost(context, env);
  if (gitHost && inputs.githubToken && !inputs.secrets.some((s) => s.id.startsWith("GIT_AUTH_TOKEN"))) {
    envSecret(`GIT_AUTH_TOKEN.${gitHost}`, inputs.githubToken);
  }
  addOne("--shm-size", inputs.shmSize);
  add("--ssh", inputs.ssh);
  if (!inputs.release.pushByDigest) add("--tag", inputs.tags);
  addOne("--target", inputs.target);
  add("--ulimit", inputs.ulimit);
  addOne("--builder", target.name);
  if (inputs.load) argv.push("--load");
  argv.push("--metadata-file", metadataFile);
  addOne("--network", network);
  if (inputs.noCache) argv.push("--no-cache");
  if (inputs.pull) argv.push("--pull");
  if (inputs.push && !inputs.release.pushByDigest) argv.push("--push");
  argv.push("--", context);
  return { argv, env: buildxEnv };
}
function pushesToRegistry(inputs) {
  return inputs.push || inputs.release.pushByDigest || inputs.outputs.some(outputPushes);
}

// src/buildx/command.ts
import { existsSync } from "node:fs";
import { join as join2 } from "node:path";

// src/runtime/release-urls.ts
function releaseUrlsFrom(template, version, arch, checksumsFile) {
  const binaryUrl = template.replaceAll("{version}", version).replaceAll("{os}", "linux").replaceAll("{arch}", arch);
  return { binaryUrl, checksumsUrl: new URL(checksumsFile, binaryUrl).toString() };
}

// src/buildx/release.ts
var releaseArch = (arch) => hostPlatforms(arch)[0]?.replace(/^linux\//, "").replace("/", "-") ?? arch;
function releaseUrls(template, version, arch = process.arch) {
  return releaseUrlsFrom(template, version, releaseArch(arch), "checksums.txt");
}

// src/runtime/docker-config.ts
import { homedir } from "node:os";
import { join } from "node:path";
function dockerConfigDir(env = process.env) {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker");
}

// src/buildx/command.ts
var SYSTEM_PLUGIN_DIRS = [
  "/usr/local/lib/docker/cli-plugins",
  "/usr/local/libexec/docker/cli-plugins",
  "/usr/lib/docker/cli-plugins",
  "/usr/libexec/docker/cli-plugins"
];
function pluginCandidates(env) {
  return [join2(dockerConfigDir(env), "cli-plugins"), ...SYSTEM_PLUGIN_DIRS].map((d) => join2(d, "docker-buildx"));
}
function locateBuildx(env = process.env) {
  const plugin = pluginCandidates(env).find((p) => existsSync(p));
  return plugin ? { file: plugin, prefix: [] } : { file: "docker", prefix: ["buildx"] };
}
function runBuildx(buildx, args, opts = {}) {
  return runCommand(buildx.file, [...buildx.prefix, ...args], opts);
}
async function pinnedBuildx(pin) {
  const { installRelease } = await import("./lazy-release-install.js");
  const urls = releaseUrls(pin.urlTemplate, pin.version);
  const file = await installRelease({ tool: "buildx", version: pin.version, ...urls });
  saveBuildxPath(file);
  info(`buildx ${pin.version}: ${file}`);
  return { file, prefix: [] };
}

// src/buildx/final-error.ts
function finalError(stderrTail) {
  const lines = stderrTail.map((l) => l.trim());
  const error = lines.filter((l) => l.startsWith("ERROR:")).at(-1) ?? lines.map((l) => /^#\d+ (ERROR: .*)$/.exec(l)?.[1]).filter((l) => l !== void 0).at(-1) ?? lines.filter((l) => l !== "" && !/^-+$|^> /.test(l)).at(-1);
  return oneLine(error ?? "no output");
}
function finalErrorText(stderrTail) {
  const lines = stderrTail.map((l) => l.trim());
  const at = lines.findLastIndex((l) => l.startsWith("ERROR:"));
  return at >= 0 ? lines.slice(at).filter((l) => l !== "").join("\n") : finalError(stderrTail);
}

// src/buildx/progress-line.ts
var HEADER = /^#(\d+) \[(?:(\w+\/[^\s\]]+) )?([^\]]+)\] (.*)$/;
var DONE = /^#(\d+) DONE (\d+(?:\.\d+)?)s$/;
var ERROR = /^#(\d+) ERROR: (.*)$/;
var CANCELED = /^#(\d+) CANCELED$/;
var CACHED = /^#(\d+) CACHED$/;
var OUTPUT = /^#(\d+) \d+\.\d+ (.*)$/;
var VERTEX = /^#(\d+) (\S.*)$/;
function readProgressLine(text2) {
  let m = HEADER.exec(text2);
  if (m) {
    const [, step = "", shown, stage2 = "", command = ""] = m;
    const platform = shown && seenPlatform(shown.split("->")[0] ?? shown);
    return platform ? { kind: "header", step, platform, stage: stage2, command } : { kind: "header", step, stage: stage2, command };
  }
  if (m = DONE.exec(text2)) return { kind: "done", step: m[1] ?? "", seconds: Number(m[2]) };
  if (m = ERROR.exec(text2)) return { kind: "error", step: m[1] ?? "", message: m[2] ?? "" };
  if (m = CANCELED.exec(text2)) return { kind: "canceled", step: m[1] ?? "" };
  if (m = CACHED.exec(text2)) return { kind: "cached", step: m[1] ?? "" };
  if (m = OUTPUT.exec(text2)) return { kind: "output", step: m[1] ?? "", text: m[2] ?? "" };
  if (m = VERTEX.exec(text2)) return { kind: "vertex", step: m[1] ?? "", name: m[2] ?? "" };
  return void 0;
}

// src/buildx/inspect.ts
function parseInspect(text2) {
  const out = { nodes: [] };
  let inNodes = false;
  let node;
  for (const line of text2.split(/\r?\n/)) {
    if (/^Nodes:\s*$/.test(line)) {
      inNodes = true;
      continue;
    }
    const gc = /^ (?:Keep Bytes|Reserved Space):\s*(\S+)/.exec(line);
    if (gc && node) node.gcKeep = gc[1];
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [key, value] = [m[1] ?? "", m[2] ?? ""];
    if (!inNodes) {
      if (key === "Name") out.name = value.trim();
      if (key === "Driver") out.driver = value.trim();
      continue;
    }
    if (key === "Name") {
      node = { name: value.trim(), endpoint: "", status: "unknown", platforms: [], declaredPlatforms: [] };
      out.nodes.push(node);
      continue;
    }
    if (!node) continue;
    switch (key) {
      case "Endpoint":
        node.endpoint = value.trim();
        break;
      case "Status":
        node.status = value.trim();
        break;
      case "BuildKit version":
      case "Buildkit":
      case "BuildKit":
        node.buildkitVersion = value.trim();
        break;
      case "Platforms":
        for (const p of value.split(",").map((s) => s.trim()).filter(Boolean)) {
          const declared = p.endsWith("*");
          const name = seenPlatform(declared ? p.slice(0, -1) : p);
          node.platforms.push(name);
          if (declared) node.declaredPlatforms.push(name);
        }
        break;
      case "Error":
        node.error = value.trim();
        break;
      case "Driver Options":
        node.driverOptions = value.trim();
        break;
      case "BuildKit daemon flags":
      case "Flags":
        node.daemonFlags = value.trim();
        break;
    }
  }
  return out;
}
function bootProgressErrors(stderr) {
  const nodeOfStep = /* @__PURE__ */ new Map();
  const errors = /* @__PURE__ */ new Map();
  for (const line of stderr) {
    const seen = readProgressLine(line);
    const boot = seen?.kind === "header" && seen.command.startsWith("booting buildkit") ? /^(?:(\S+) )?internal$/.exec(seen.stage) : void 0;
    if (seen && boot) nodeOfStep.set(seen.step, boot[1] ?? "");
    const node = seen?.kind === "error" ? nodeOfStep.get(seen.step) : void 0;
    if (seen?.kind === "error" && node !== void 0) errors.set(node, seen.message.trim());
  }
  return errors;
}
function describeNode(n) {
  return [
    `node ${n.name} (${n.endpoint || "local"}): ${n.status}`,
    `BuildKit ${n.buildkitVersion ?? "?"}`,
    n.driverOptions && `driver options ${n.driverOptions}`,
    n.daemonFlags && `daemon flags ${n.daemonFlags}`,
    n.gcKeep && `GC keeps ${n.gcKeep}`,
    n.platforms.length > 0 && `platforms ${n.platforms.join(", ")}`,
    n.error && `error: ${n.error}`
  ].filter(Boolean).join(", ");
}
async function inspect(buildx, name, timeoutMs = 6e4) {
  const res = await runBuildx(buildx, ["inspect", name], { timeoutMs });
  if (res.timedOut) throw new Error(`buildx inspect ${name}: no answer within ${timeoutMs / 1e3}s`);
  if (res.exitCode !== 0) throw new Error(`buildx inspect ${name} failed: ${finalError(res.stderrTail)}`);
  return parseInspect(res.stdout);
}

// src/buildx/version.ts
var asked = /* @__PURE__ */ new Map();
function buildxVersion(buildx) {
  const key = [buildx.file, ...buildx.prefix].join(" ");
  let version = asked.get(key);
  if (!version) {
    version = runBuildx(buildx, ["version"], { timeoutMs: 5e3 }).then((r) => {
      if (r.exitCode !== 0 || r.timedOut) throw new Error(`buildx version: ${finalError(r.stderrTail)}`);
      return r.stdout.trim();
    });
    asked.set(key, version);
  }
  return version;
}
function majorMinor(text2) {
  const m = /(\d+)\.(\d+)/.exec(text2 ?? "");
  return m ? [Number(m[1]), Number(m[2])] : void 0;
}
var atLeast = (v, major, minor) => v !== void 0 && (v[0] > major || v[0] === major && v[1] >= minor);
function readBuildxVersion(line) {
  const release2 = / v?(\d+)\.(\d+)\.\d+/.exec(line);
  if (release2) return { kind: "release", version: [Number(release2[1]), Number(release2[2])] };
  const commit = / ([0-9a-f]{7,40})(?:\s|$)/.exec(line);
  return commit ? { kind: "commit", commit: commit[1] ?? "" } : { kind: "unknown" };
}
function buildxAtLeast(line, major, minor) {
  const seen = readBuildxVersion(line);
  if (seen.kind === "commit") {
    debug(`buildx ${seen.commit} is a build from a commit, taken as current (>= ${major}.${minor})`);
    return true;
  }
  return seen.kind === "release" && atLeast(seen.version, major, minor);
}

// src/image-build/build-target.ts
function nodesAtLeast(versions, minor = 11) {
  return versions.length > 0 && versions.every((v) => atLeast(majorMinor(v), 0, minor));
}
var ENGINE_FOR_BUILDKIT = { 11: 23, 20: 28 };
function buildkitAtLeast(buildx, builder, engine) {
  const running = (b) => b.filter((n) => n.status === "running").map((n) => n.buildkitVersion);
  let versions;
  return async (minor) => {
    if (!builder.created && builder.name === "default" && engine) {
      return atLeast(majorMinor(engine.version), ENGINE_FOR_BUILDKIT[minor] ?? Infinity, 0);
    }
    versions ??= builder.created ? Promise.resolve(running(builder.nodes)) : inspect(buildx, builder.name).then((i) => running(i.nodes));
    return nodesAtLeast(await versions, minor);
  };
}
var ghaV2Possible = (inputs, env) => inputs.cache.mode !== "off" && inputs.cacheFrom.length === 0 && inputs.cacheTo.length === 0 && cacheService(env) === "v2";
var usesDefaultContext = (inputs) => [inputs.context, ...inputs.buildContexts].some((c) => c.includes(DEFAULT_CONTEXT));
async function gitQuery(buildx, inputs, env) {
  if (!envSwitch(env.BUILDX_SEND_GIT_QUERY_AS_INPUT) || !usesDefaultContext(inputs)) return false;
  const version = await buildxVersion(buildx).catch(() => "");
  return buildxAtLeast(version, 0, 29);
}
async function buildTarget(buildx, inputs, builder, engine, buildxEnv = {}, env = process.env) {
  const target = { name: builder.name, hostNetwork: builder.hostNetwork, env: buildxEnv };
  const buildkit = buildkitAtLeast(buildx, builder, engine);
  if (defaultProvenanceWanted(inputs, env)) target.buildkitAttests = await buildkit(11);
  if (ghaV2Possible(inputs, env)) target.buildkitGhaV2 = await buildkit(20);
  target.gitQuery = await gitQuery(buildx, inputs, env);
  return target;
}

// src/image-build/metadata.ts
import { readFileSync } from "node:fs";
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function parseMetadata(raw) {
  const json = JSON.parse(raw);
  if (!isObject(json)) return void 0;
  const str2 = (key) => {
    const v = json[key];
    return typeof v === "string" ? v : void 0;
  };
  const meta = { raw };
  const digest2 = str2("containerimage.digest");
  const configDigest = str2("containerimage.config.digest");
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
  if (raw.trim() === "") return { raw: "{}" };
  const meta = parseMetadata(raw);
  if (meta) return meta;
  info(`buildx's metadata file ${file} holds ${raw.trim().slice(0, 40)}, not an object: no build metadata read`);
  return { raw: "{}" };
}
function imageId(meta) {
  return meta.configDigest ?? meta.digest ?? "";
}

// src/buildx/failures.ts
var DENIED_FIX = "the registry refused the credentials: log in first (docker/login-action) with a token that may push there";
var CLASSIC_STORE_FIX = "leave `builder` empty so the action creates a builder, or turn on the engine's containerd-snapshotter feature";
var FAILURES = [
  {
    id: "run-exit",
    pattern: /did not complete successfully: exit code: \d+/,
    transient: false,
    reason: "a RUN step exited non-zero"
  },
  {
    pattern: /failed to fetch (oauth|anonymous) token: unexpected status( from \w+ request to \S+)?: (401|403)\b/i,
    transient: false,
    reason: "the registry's token service refused the credentials",
    fix: DENIED_FIX
  },
  {
    pattern: /failed to fetch (oauth|anonymous) token|failed to authorize: DeadlineExceeded/i,
    transient: true,
    reason: "registry token fetch failed"
  },
  {
    pattern: /dockerfile parse error|unknown instruction|failed to read dockerfile/i,
    transient: false,
    reason: "a Dockerfile error"
  },
  {
    id: "builder-missing",
    pattern: /no builder .* found/i,
    transient: false,
    reason: "the builder does not exist",
    fix: "name a builder that `docker buildx ls` lists, or leave `builder` empty so the action creates one"
  },
  {
    pattern: /is not a docker command|unknown command "buildx"|docker-buildx: not found/i,
    transient: false,
    reason: "buildx is missing",
    fix: "buildx is not installed: install the docker-buildx plugin, or pin a release with `buildx-version`"
  },
  {
    pattern: /manifest unknown|not found|pull access denied/i,
    transient: false,
    reason: "an image or file does not exist"
  },
  {
    id: "denied",
    pattern: /\b(401|403)\b|unauthorized|insufficient_scope|authentication required|denied/i,
    transient: false,
    reason: "the registry refused the credentials",
    fix: DENIED_FIX
  },
  {
    pattern: /invalid (reference|tag)|invalid argument/i,
    transient: false,
    reason: "an invalid reference or argument"
  },
  {
    pattern: /x509:|failed to verify certificate/i,
    transient: false,
    reason: "a certificate the builder does not trust",
    fix: "the builder does not trust the registry's certificate: give its CA in `registry-ca` (for the engine's own builder, /etc/docker/certs.d/HOST:PORT/ca.crt)"
  },
  {
    pattern: /exec format error/i,
    transient: false,
    reason: "a platform ran without emulation",
    fix: "a platform ran without a QEMU handler: keep `qemu: auto` (or `true`), or add a node that builds it natively"
  },
  {
    id: "classic-store",
    pattern: /multiple platforms feature is currently not supported for docker driver|Multi-platform build is not supported for the docker driver/i,
    transient: false,
    reason: "the engine's own builder cannot build several platforms",
    fix: `the engine's own builder needs the containerd image store for several platforms: ${CLASSIC_STORE_FIX}`
  },
  {
    pattern: /no space left on device/i,
    transient: false,
    reason: "the disk is full",
    fix: "the disk is full: prune the build cache or give BuildKit a smaller GC limit (`cache-keep-storage`)"
  },
  // A layer the build pushes whose bytes are not its digest is BuildKit's own (moby/buildkit#3856):
  // no download to repeat. A download's mismatch passes on a second download (a flaky CDN, a
  // caching proxy or a mirror caught mid-update).
  {
    pattern: /failed to push\b.*(unexpected commit digest|digest mismatch)/i,
    transient: false,
    reason: "a digest mismatch in what the build produced, not a download"
  },
  {
    id: "corrupt-download",
    pattern: /unexpected commit digest|digest mismatch/i,
    transient: true,
    reason: "a download arrived corrupted",
    fix: "every download of it arrived corrupted: a proxy, mirror or CDN between the builder and the registry serves wrong bytes for it (try without `registry-mirrors`, or tell the registry's operator)"
  },
  { pattern: /context deadline exceeded|DeadlineExceeded/i, transient: true, reason: "deadline exceeded" },
  { pattern: /TLS handshake timeout/i, transient: true, reason: "TLS handshake timeout" },
  {
    id: "rate-limit",
    pattern: /toomanyrequests|\b429\b|Too Many Requests/i,
    transient: true,
    reason: "rate limited (429)"
  },
  // A 500 too: Docker Hub, GHCR and ECR answer it for a moment under load and a re-push passes
  // (docker/hub-feedback#1761, moby/moby#19191); BuildKit's own few tries end within seconds.
  {
    pattern: /\b(500|502|503|504)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout/i,
    transient: true,
    reason: "server error (5xx)"
  },
  // A manifest PUT right after its blobs, where the registry has not stored them all yet (concurrent
  // copies into one repository by `imagetools create`, seen on the bed; eventually consistent
  // storage): the next attempt finds them.
  {
    pattern: /blob unknown to registry|provided digest did not match uploaded content/i,
    transient: true,
    reason: "the registry had not stored every blob the manifest names yet"
  },
  { pattern: /i\/o timeout|timed? ?out/i, transient: true, reason: "network timeout" },
  { pattern: /connection refused/i, transient: true, reason: "connection refused" },
  { pattern: /connection reset by peer/i, transient: true, reason: "connection reset" },
  { pattern: /broken pipe/i, transient: true, reason: "broken pipe" },
  {
    pattern: /unexpected EOF|error reading from server: EOF|code = Unavailable/i,
    transient: true,
    reason: "connection lost"
  },
  { pattern: /temporary failure in name resolution|no such host/i, transient: true, reason: "DNS failure" }
];
var TOKEN_REFUSED = {
  transient: true,
  maxAttempts: 2,
  reason: "the registry refused a token its token service issued for this login (expired or too narrow)",
  fix: "the login is accepted, its token is not: a token that may push to this repository (e.g. `permissions: packages: write` for GITHUB_TOKEN), and the registry's and its token service's clocks in step"
};
var UNKNOWN = { transient: false, reason: "not a known transient failure" };
function classify(errorText, context = "") {
  const found = FAILURES.find((f) => f.pattern.test(errorText));
  const fix = FAILURES.find((f) => f.fix && f.pattern.test(errorText))?.fix ?? FAILURES.find((f) => f.fix && f.pattern.test(context))?.fix;
  if (!found) return fix ? { ...UNKNOWN, fix } : UNKNOWN;
  const verdict = found.id ? { id: found.id, transient: found.transient, reason: found.reason } : { transient: found.transient, reason: found.reason };
  return fix ? { ...verdict, fix } : verdict;
}
function isTransient(errorText) {
  return classify(errorText).transient;
}
function isFailure(id, errorText) {
  return FAILURES.find((f) => f.id === id)?.pattern.test(errorText) ?? false;
}
function fixOf(id) {
  return FAILURES.find((f) => f.id === id)?.fix ?? "";
}

// src/runtime/retry.ts
function delayMs(s, n, random = Math.random()) {
  const base = Math.min(s.maxDelayMs ?? Infinity, s.firstDelayMs * 2 ** (n - 1));
  const spread = s.jitter ? 1 - s.jitter + 2 * s.jitter * random : 1;
  return Math.round(base * spread / 100) * 100;
}
async function withRetries(schedule, attempt, mayPass, onRetry, waitAtLeast) {
  const until = schedule.deadlineMs === void 0 ? Infinity : Date.now() + schedule.deadlineMs;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const asked2 = mayPass(error) ? waitAtLeast?.(error) ?? 0 : 0;
      const wait = Math.max(delayMs(schedule, n), Math.min(asked2, schedule.maxDelayMs ?? Infinity));
      if (n >= schedule.attempts || !mayPass(error) || Date.now() + wait > until) throw error;
      onRetry?.(n, wait, error);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

// src/buildx/step-timings.ts
var StepTimings = class {
  started = /* @__PURE__ */ new Map();
  done = /* @__PURE__ */ new Map();
  get steps() {
    return [...this.done.values()];
  }
  line(text2) {
    const seen = readProgressLine(text2);
    if (seen?.kind === "header" && seen.platform && !seen.stage.includes("internal")) {
      this.started.set(seen.step, { platform: seen.platform, name: `[${seen.stage}] ${seen.command}` });
    }
    const step = seen?.kind === "done" ? this.started.get(seen.step) : void 0;
    if (seen?.kind === "done" && step) this.done.set(seen.step, { ...step, seconds: seen.seconds });
  }
};
function emulationTax(steps, emulated, top = 3) {
  const isEmulated = (s) => emulated.includes(s.platform);
  const platforms = [...new Set(steps.map((s) => s.platform))];
  const slowest = Object.fromEntries(platforms.map((p) => [
    p,
    steps.filter((s) => s.platform === p).sort((a, b) => b.seconds - a.seconds).slice(0, top)
  ]));
  const pairs = steps.filter(isEmulated).flatMap((e) => {
    const native = steps.find((n) => !isEmulated(n) && n.name === e.name && n.seconds > 0);
    return native ? [{ name: e.name, emulated: e, native, ratio: e.seconds / native.seconds }] : [];
  }).sort((a, b) => b.emulated.seconds - a.emulated.seconds);
  const sum = (xs) => xs.reduce((t, s) => t + s.seconds, 0);
  return { slowest, pairs, emulatedSeconds: sum(steps.filter(isEmulated)), totalSeconds: sum(steps) };
}
function emulationDominates(tax) {
  return tax.emulatedSeconds >= 10 && tax.emulatedSeconds > tax.totalSeconds / 2;
}
function emulationNotice(tax, emulated) {
  const share = Math.round(100 * tax.emulatedSeconds / tax.totalSeconds);
  const list = emulated.join(", ");
  const took = `${tax.emulatedSeconds.toFixed(1)} s of ${tax.totalSeconds.toFixed(1)} s (${share} %)`;
  return `emulated steps took ${took} under QEMU (${list}). Ways out: a native node for ${list} (\`nodes\`, or a matrix leg on a runner of that architecture); or cross-compile in a \`FROM --platform=$BUILDPLATFORM\` stage and copy the result into the target stage`;
}

// src/buildx/corrupt-download.ts
var DIGEST = "sha256:[0-9a-f]{64}";
var COMMIT = new RegExp(`failed commit on ref "(layer|config|manifest|index)-${DIGEST}": (?:commit failed: )?unexpected commit digest (${DIGEST}), expected (${DIGEST})`);
var MISMATCH = new RegExp(`digest mismatch (${DIGEST}): (${DIGEST})`);
var SOURCE = /failed to resolve source metadata for (\S+): /;
function corruptDownloadIn(text2) {
  const image = SOURCE.exec(text2)?.[1];
  const named = image ? { image } : {};
  let m = COMMIT.exec(text2);
  if (m) return { what: m[1] ?? "blob", got: m[2] ?? "", expected: m[3] ?? "", ...named };
  m = MISMATCH.exec(text2);
  return m ? { what: "file", got: m[1] ?? "", expected: m[2] ?? "", ...named } : void 0;
}
function ingestRef(text2) {
  const d = corruptDownloadIn(text2);
  return d && d.what !== "file" ? `${d.what}-${d.expected}` : void 0;
}
function describeCorruptDownload(d, bases) {
  const of = d.image ?? (bases.length === 1 ? bases[0] : bases.length > 1 ? `one of ${bases.join(", ")}` : void 0);
  return `a download arrived corrupted: ${d.what} ${d.expected}${of ? ` of ${of}` : ""} (its bytes hashed to ${d.got})`;
}
var DownloadWatch = class {
  bases = /* @__PURE__ */ new Set();
  line(text2) {
    const seen = readProgressLine(text2);
    if (seen?.kind !== "header") return;
    const from = /^FROM (\S+)/.exec(seen.command)?.[1] ?? /^load metadata for (\S+)/.exec(seen.command)?.[1];
    if (from) this.bases.add(from.replace(/@sha256:[0-9a-f]{64}$/, ""));
  }
  async explain({ errorText }) {
    const verdict = classify(errorText);
    const corrupt = verdict.id === "corrupt-download" ? corruptDownloadIn(errorText) : void 0;
    return corrupt ? { verdict, line: describeCorruptDownload(corrupt, [...this.bases]) } : void 0;
  }
  end() {
  }
};

// src/buildx/run-retried.ts
var BuildError = class extends Error {
  constructor(message, attempts, stderrTail) {
    super(message);
    this.attempts = attempts;
    this.stderrTail = stderrTail;
    this.name = "BuildError";
  }
  attempts;
  stderrTail;
};
function buildSchedule(retry) {
  const firstDelayMs = retry.delaySeconds * 1e3;
  return { attempts: retry.retries + 1, firstDelayMs, maxDelayMs: 6e4, jitter: 0.2 };
}
var AttemptFailed = class extends Error {
  constructor(line, verdict, stderrTail, waitMs) {
    super(line);
    this.line = line;
    this.verdict = verdict;
    this.stderrTail = stderrTail;
    this.waitMs = waitMs;
  }
  line;
  verdict;
  stderrTail;
  waitMs;
};
function runBuild(buildx, cmd, retry, opts) {
  const watches = [...opts.watches ?? [], () => new DownloadWatch()];
  return runRetried(buildx, cmd, retry, { ...opts, watches });
}
async function runRetried(buildx, cmd, retry, { what, ask, signal, watches = [], forgetDownload }) {
  const attempts = [];
  const total = retry.retries + 1;
  const timeoutSeconds = retry.attemptTimeoutSeconds;
  const timeoutMs = timeoutSeconds === void 0 ? void 0 : timeoutSeconds * 1e3;
  try {
    await withRetries(
      buildSchedule(retry),
      async () => {
        const t0 = performance.now();
        const env = { ...process.env, ...cmd.env };
        const timings = new StepTimings();
        const stopper = new AbortController();
        const watching = watches.map((watch) => watch(() => stopper.abort()));
        const onStderrLine = (line2) => {
          timings.line(line2);
          for (const w of watching) w.line(line2);
        };
        const stops = signal ? AbortSignal.any([signal, stopper.signal]) : stopper.signal;
        const res = await runBuildx(
          buildx,
          cmd.argv,
          { env, stream: true, timeoutMs, onStderrLine, signal: stops, ...cmd.cwd ? { cwd: cmd.cwd } : {} }
        ).finally(() => {
          for (const w of watching) w.end();
        });
        const seconds = Math.round((performance.now() - t0) / 100) / 10;
        if (res.exitCode === 0 && !res.timedOut) {
          attempts.push({ seconds, steps: timings.steps });
          return;
        }
        const text2 = finalErrorText(res.stderrTail);
        const cancelled = signal?.aborted === true;
        const failed = { stopped: stopper.signal.aborted, errorText: text2 };
        let explained;
        for (const w of cancelled ? [] : watching) explained ??= await w.explain(failed);
        const line = explained?.line ?? (cancelled ? "buildx was stopped" : res.timedOut ? `attempt-timeout of ${retry.attemptTimeoutSeconds}s reached: the build was stopped` : finalError(res.stderrTail));
        attempts.push({ seconds, error: line });
        let verdict = explained?.verdict ?? (cancelled ? { transient: false, reason: errorMessage(signal?.reason) } : res.timedOut ? { transient: true, reason: "attempt timed out" } : classify(text2, res.stderrTail.join("\n")));
        if (verdict.id === "denied" && await ask?.refused(text2) === "token") verdict = TOKEN_REFUSED;
        const waitMs = verdict.id === "rate-limit" ? await ask?.retryAfter(text2) : void 0;
        const another = verdict.transient && attempts.length < Math.min(total, verdict.maxAttempts ?? Infinity);
        const ref = another && verdict.id === "corrupt-download" ? ingestRef(text2) : void 0;
        if (ref) await forgetDownload?.(ref);
        throw new AttemptFailed(line, verdict, res.stderrTail, waitMs);
      },
      (error) => error instanceof AttemptFailed && error.verdict.transient && attempts.length < (error.verdict.maxAttempts ?? Infinity),
      (n, waitMs, failed) => {
        info(`attempt ${n} of ${total} failed, transient (${failed.verdict.reason}): ${failed.line}; trying again in ${waitMs / 1e3}s`);
        debug(`the next attempt runs the same argv: ${JSON.stringify(cmd.argv)}`);
      },
      (failed) => failed.waitMs
    );
    return attempts;
  } catch (error) {
    if (!(error instanceof AttemptFailed)) throw error;
    const n = attempts.length;
    const why = !error.verdict.transient ? `not retried: ${error.verdict.reason}` : `transient (${error.verdict.reason}), ${total === 1 ? "retries is 0" : `still failing after ${n} attempts`}`;
    const message = `${what} failed (${n === 1 ? "1 attempt" : `${n} attempts`}, ${why}): ${error.line}`;
    throw new BuildError(withFix(message, error.verdict.fix), attempts, error.stderrTail);
  }
}

// src/builder/silent-nodes.ts
import { connect } from "node:net";
var H2_PREFACE = Buffer.concat([
  Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])
]);
function isSilent(endpoint2, waitMs) {
  const m = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d+)/.exec(endpoint2);
  if (!m) return Promise.resolve(void 0);
  const host = (m[1] ?? "").replace(/^\[|\]$/g, "");
  return new Promise((resolve2) => {
    const socket = connect({ host, port: Number(m[2]) });
    const end = (silent) => {
      clearTimeout(timer);
      socket.destroy();
      resolve2(silent);
    };
    const timer = setTimeout(() => end(true), waitMs);
    socket.on("connect", () => socket.write(H2_PREFACE));
    socket.on("data", () => end(false));
    socket.on("close", () => end(false));
    socket.on("error", () => end(false));
  });
}
async function silentNodes(nodes, waitMs = 2e3) {
  const silent = await Promise.all(nodes.map((n) => n.endpoint ? isSilent(n.endpoint, waitMs) : void 0));
  return nodes.filter((_, i) => silent[i] === true).map((n) => n.name);
}

// src/builder/boot.ts
var AFTER_TIMEOUT_MS = 3e3;
var failedNode = (n) => n.status !== "running" && n.status !== "not read";
var BootError = class extends Error {
  /** `nodes`: every node as the last attempt read it, for the diagnostics. */
  constructor(nodes, lastError, attempts) {
    super(bootFailureMessage(nodes.filter(failedNode), lastError, attempts));
    this.nodes = nodes;
    this.lastError = lastError;
    this.attempts = attempts;
    this.name = "BootError";
  }
  nodes;
  lastError;
  attempts;
};
function bootFailureMessage(failed, lastError, attempts) {
  const nodes = failed.map((n) => `${n.name} (${n.endpoint || "local"}): ${n.status}${n.error ? `, ${n.error}` : ""}`);
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  const known = failed.some((n) => n.error && lastError.includes(n.error));
  const said = lastError && !known ? ` - buildx said: ${lastError}` : "";
  return `builder node${failed.length > 1 ? "s" : ""} failed to boot after ${tries}: ${nodes.join("; ")}${said}`;
}
var BootAttemptFailed = class extends Error {
  constructor(nodes, lastError, mayPass) {
    super(lastError);
    this.nodes = nodes;
    this.lastError = lastError;
    this.mayPass = mayPass;
  }
  nodes;
  lastError;
  mayPass;
  get failed() {
    return this.nodes.filter(failedNode);
  }
};
async function afterTimeout(buildx, name, nodes, silent) {
  const quiet = "accepts connections but answers nothing (a firewall that drops, or a host half down)";
  const seen = silent.length > 0 ? void 0 : await inspect(buildx, name, AFTER_TIMEOUT_MS).catch(() => void 0);
  if (seen && seen.nodes.length > 0) return seen;
  return {
    name,
    nodes: nodes.map((n) => ({
      name: n.name,
      endpoint: n.endpoint ?? "",
      platforms: [],
      declaredPlatforms: [],
      ...silent.length === 0 ? { status: "unknown", error: "no answer" } : silent.includes(n.name) ? { status: "silent", error: quiet } : { status: "not read" }
    }))
  };
}
async function bootBuilder(buildx, name, opts) {
  let attempts = 0;
  try {
    const schedule = { attempts: opts.retries + 1, firstDelayMs: opts.retryDelayMs ?? 2e3 };
    return await withRetries(
      schedule,
      async (n) => {
        attempts = n;
        return bootOnce(buildx, name, opts);
      },
      (error) => error instanceof BootAttemptFailed && error.mayPass,
      (n, waitMs, e) => {
        info(`boot attempt ${n} of ${opts.retries + 1} failed (${e.failed.map((f) => f.name).join(", ")}: ${e.lastError}); trying again in ${waitMs / 1e3}s`);
      }
    );
  } catch (error) {
    if (!(error instanceof BootAttemptFailed)) throw error;
    throw new BootError(error.nodes, error.lastError, attempts);
  }
}
async function bootOnce(buildx, name, opts) {
  const timeoutSeconds = opts.timeoutSeconds;
  const probe = silentNodes(opts.nodes ?? [], Math.min(2e3, timeoutSeconds * 1e3));
  const res = await runBuildx(buildx, ["inspect", "--bootstrap", name], { timeoutMs: timeoutSeconds * 1e3 });
  let state = res.exitCode === 0 ? parseInspect(res.stdout) : void 0;
  if (!state || state.nodes.length === 0) {
    state = res.timedOut ? await afterTimeout(buildx, name, opts.nodes ?? [], await probe) : await inspect(buildx, name);
  }
  const failed = state.nodes.filter(failedNode);
  if (failed.length === 0) {
    if (res.exitCode !== 0) warning(`buildx exited ${res.exitCode} booting ${name}, but every node is running`);
    return state;
  }
  const progress = bootProgressErrors(res.stderrTail);
  for (const n of failed) n.error ??= progress.get(n.name) ?? (failed.length === 1 ? progress.get("") : void 0);
  const lastError = res.timedOut ? `no answer within boot-timeout (${timeoutSeconds}s)` : res.exitCode !== 0 ? finalError(res.stderrTail) : "";
  const reasons = [lastError, ...failed.map((n) => n.error ?? "")].join("\n");
  throw new BootAttemptFailed(state.nodes, lastError, res.timedOut || isTransient(reasons));
}

// src/builder/builder.ts
import { writeFileSync } from "node:fs";
import { join as join3 } from "node:path";

// src/builder/buildkitd-config.ts
var q = (s) => JSON.stringify(s);
function settingsTables(s) {
  const tables = /* @__PURE__ */ new Map();
  const set = (table, key, value) => {
    if (!tables.has(table)) tables.set(table, /* @__PURE__ */ new Map());
    tables.get(table)?.set(key, value);
  };
  for (const [host, file] of Object.entries(s.ca)) set(`registry.${q(host)}`, "ca", `[${q(file)}]`);
  for (const host of s.insecure) {
    set(`registry.${q(host)}`, "http", "true");
    set(`registry.${q(host)}`, "insecure", "true");
  }
  for (const [host, mirrors] of Object.entries(s.mirrors)) {
    set(`registry.${q(host)}`, "mirrors", `[${mirrors.map((m) => q(m.replace(/^https?:\/\//, ""))).join(", ")}]`);
    for (const m of mirrors.filter((x) => x.startsWith("http://"))) set(`registry.${q(hostOf(m))}`, "http", "true");
  }
  if (s.keepStorage) {
    set("worker.oci", "gc", "true");
    set("worker.oci", "gckeepstorage", q(s.keepStorage));
  }
  return tables;
}
function norm(header) {
  return header.replace(/\s+/g, "").replace(/'/g, '"');
}
function buildkitdConfig(settings, inline = "") {
  const lines = inline.split("\n");
  const headerAt = /* @__PURE__ */ new Map();
  const keysOf = /* @__PURE__ */ new Map();
  let current = "";
  lines.forEach((line, i) => {
    const header = /^\s*\[([^[\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      current = norm(header[1] ?? "");
      headerAt.set(current, i);
      return;
    }
    const key = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(line);
    if (key) {
      if (!keysOf.has(current)) keysOf.set(current, /* @__PURE__ */ new Set());
      keysOf.get(current)?.add(key[1] ?? "");
    }
  });
  const inserts = /* @__PURE__ */ new Map();
  const appended = [];
  for (const [table, entries] of settingsTables(settings)) {
    const have = keysOf.get(norm(table)) ?? /* @__PURE__ */ new Set();
    const add = [...entries].filter(([k]) => !have.has(k)).map(([k, v]) => `  ${k} = ${v}`);
    if (add.length === 0) continue;
    const at = headerAt.get(norm(table));
    if (at === void 0) appended.push("", `[${table}]`, ...add);
    else inserts.set(at, add);
  }
  const out = lines.flatMap((line, i) => [line, ...inserts.get(i) ?? []]);
  return `${[...out, ...appended].join("\n").trim()}
`;
}
function hasSettings(s) {
  return Object.keys(s.ca).length + s.insecure.length + Object.keys(s.mirrors).length > 0 || !!s.keepStorage;
}

// src/builder/create-argv.ts
import { randomBytes } from "node:crypto";
var HOST_ENTITLEMENT = "--allow-insecure-entitlement network.host";
function builderName(given, env, random = randomBytes(4).toString("hex")) {
  if (given) return given;
  const part = (v, max) => slug(v ?? "").slice(0, max);
  const run2 = runOf(env);
  const parts = [
    part(env.RUNNER_NAME, 20),
    part(run2.id, 20),
    part(run2.id && run2.attempt, 4),
    part(env.GITHUB_JOB, 20),
    part(random, 12)
  ];
  return ["multiarch", ...parts.filter(Boolean)].join("-");
}
function nodesOf(name, setup) {
  return setup.nodes ?? [{ name: `${name}0`, platforms: [], driverOpts: [] }];
}
function createCommands(name, setup, configFile, localImage) {
  const local = setup.driver !== "remote";
  return nodesOf(name, setup).map((node, i) => {
    const argv = ["create", "--name", name];
    if (i === 0) argv.push("--driver", setup.driver);
    else argv.push("--append");
    argv.push("--node", node.name);
    if (node.platforms.length > 0) argv.push("--platform", node.platforms.join(","));
    for (const opt of driverOpts(setup, node, node.endpoint ? void 0 : localImage)) argv.push("--driver-opt", opt);
    const flags = buildkitdFlags(setup, node);
    if (local && flags) argv.push("--buildkitd-flags", flags);
    if (local && configFile) argv.push("--buildkitd-config", configFile);
    if (node.endpoint) argv.push(node.endpoint);
    return argv;
  });
}
function driverOpts(setup, node, localImage) {
  const opts = [...setup.driverOpts, ...node.driverOpts];
  if (setup.driver !== "remote" && !opts.some((o) => o.startsWith("image="))) {
    opts.push(`image=${localImage ?? setup.buildkitImage}`);
  }
  if (setup.hostNetwork && setup.driver === "docker-container" && !opts.some((o) => o.startsWith("network="))) {
    opts.push("network=host");
  }
  return opts;
}
function buildkitdFlags(setup, node) {
  const flags = node.buildkitdFlags ?? setup.buildkitdFlags;
  if (!setup.hostNetwork || setup.driver === "remote") return flags;
  if (flags?.includes("network.host")) return flags;
  return flags ? `${flags} ${HOST_ENTITLEMENT}` : HOST_ENTITLEMENT;
}

// src/builder/node-image.ts
var NOWHERE = "127.0.0.1:9/multiarch-build/node-image";
async function localOnlyName(id, image) {
  const name = `${NOWHERE}:${slug(image).slice(0, 120)}`;
  const res = await runCommand("docker", ["tag", id, name], { timeoutMs: 3e4 });
  return res.exitCode === 0 ? name : void 0;
}
async function removeLocalOnlyName(name) {
  const res = await runCommand("docker", ["image", "rm", name], { timeoutMs: 3e4 });
  return res.exitCode === 0;
}

// src/builder/builder.ts
async function prepareBuilder(buildx, inputs, name, workDir) {
  if (inputs.builder) return { name: inputs.builder, created: false, hostNetwork: false, nodes: [] };
  const setup = inputs.setup;
  info(`builder ${name}: ${setup.driver}, ${setup.nodes?.length ?? 1} node(s)`);
  if (setup.cleanup) saveBuilderToRemove(name);
  let configFile;
  if (setup.buildkitdConfigInline || hasSettings(setup.registry)) {
    configFile = join3(workDir, "buildkitd.toml");
    writeFileSync(configFile, buildkitdConfig(setup.registry, setup.buildkitdConfigInline));
  }
  if (setup.driver === "remote" && (configFile || setup.buildkitdFlags || setup.nodes?.some((n) => n.buildkitdFlags))) {
    warning("buildx applies no buildkitd config or flags to remote nodes (registry-ca, insecure-registries, registry-mirrors, cache-keep-storage, buildkitd-*): configure those daemons themselves");
  }
  let localImage;
  const cachedId = setup.driver === "docker-container" ? await cachedImage(setup.buildkitImage) : void 0;
  if (cachedId) {
    localImage = await localOnlyName(cachedId, setup.buildkitImage);
    if (localImage) {
      saveImageNameToRemove(localImage);
      info(`${setup.buildkitImage}: local nodes start from the engine's copy, as ${localImage}`);
    }
  }
  const finishAfterMs = setup.driver === "remote" ? 1e3 : void 0;
  for (const argv of createCommands(name, setup, configFile, localImage)) {
    const node = argv[argv.indexOf("--node") + 1];
    const res = await runBuildx(buildx, argv, { timeoutMs: 6e4, finishAfterMs });
    if (res.exitCode !== 0) throw new Error(`creating builder node ${node} failed: ${finalError(res.stderrTail)}`);
  }
  const state = await bootBuilder(buildx, name, {
    timeoutSeconds: setup.bootTimeoutSeconds,
    retries: setup.bootRetries,
    nodes: nodesOf(name, setup)
  });
  for (const n of state.nodes) info(describeNode(n));
  checkCoverage(inputs.platforms, state.nodes);
  return { name, created: true, hostNetwork: setup.hostNetwork, nodes: state.nodes };
}
function checkCoverage(platforms, nodes) {
  const served = new Set(nodes.filter((n) => n.status === "running").flatMap((n) => n.platforms));
  const missing = platforms.filter((p) => !served.has(p));
  if (missing.length > 0) {
    throw new Error(withFix(`no running builder node serves ${missing.join(", ")} (nodes serve ${[...served].join(", ")})`, "declare a node for it, or enable QEMU emulation for it (`qemu: true`)"));
  }
}
function nodesOutput(nodes) {
  return JSON.stringify(nodes.map((n) => ({
    name: n.name,
    endpoint: n.endpoint,
    status: n.status,
    platforms: n.platforms,
    buildkit: n.buildkitVersion ?? ""
  })));
}
function buildingNodes(builder, platforms) {
  const running = builder.nodes.filter((n) => n.status === "running");
  return Object.fromEntries(platforms.map((p) => [p, builder.created ? (running.find((n) => n.declaredPlatforms.includes(p)) ?? running.find((n) => n.platforms.includes(p)))?.name ?? "-" : builder.name]));
}

// src/builder/forget-download.ts
var dockerAt = (endpoint2) => endpoint2.includes("://") ? ["--host", endpoint2] : [];
function listIngestsArgv(endpoint2, node) {
  return [
    ...dockerAt(endpoint2),
    "exec",
    `buildx_buildkit_${node}`,
    "find",
    "/var/lib/buildkit",
    "-path",
    "*/content/ingest/*/ref",
    "-exec",
    "grep",
    "-H",
    "",
    "{}",
    "+"
  ];
}
function ingestsOf(listing, ref) {
  return listing.split("\n").flatMap((line) => {
    const m = /^(\/\S+\/content\/ingest\/[0-9a-f]+)\/ref:(.*)$/.exec(line.trim());
    return m && (m[2] === ref || m[2]?.endsWith(`/${ref}`)) ? [m[1] ?? ""] : [];
  });
}
async function forgetOn(node, ref) {
  const listed2 = await runCommand("docker", listIngestsArgv(node.endpoint, node.name), { timeoutMs: 15e3 });
  const dirs = listed2.exitCode === 0 ? ingestsOf(listed2.stdout, ref) : [];
  if (dirs.length === 0) return;
  const res = await runCommand("docker", [
    ...dockerAt(node.endpoint),
    "exec",
    `buildx_buildkit_${node.name}`,
    "rm",
    "-rf",
    "--",
    ...dirs
  ], { timeoutMs: 15e3 });
  if (res.exitCode === 0) info(`node ${node.name}: the corrupted ${ref} is forgotten, the next attempt downloads it`);
  else warning(`node ${node.name}: could not remove the corrupted ${ref}: ${finalError(res.stderrTail)}`);
}
function forgetDownloads(builder, driver) {
  return async (ref) => {
    if (!builder.created || driver !== "docker-container") return;
    await Promise.all(builder.nodes.map((n) => forgetOn(n, ref)));
  };
}

// src/inputs/rules.ts
import { existsSync as existsSync2, statSync } from "node:fs";

// src/shared/reference.ts
var alnum = "[a-z0-9]+";
var separator = "(?:[._]|__|[-]+)";
var pathComponent = `${alnum}(?:${separator}${alnum})*`;
var tag = "[\\w][\\w.-]{0,127}";
var digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
var referenceRe = new RegExp(
  `^((?:${DOMAIN}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`
);
function read(text2) {
  const m = referenceRe.exec(text2);
  if (!m) {
    return { problem: referenceRe.test(text2.toLowerCase()) ? "must have a lowercase repository name" : "is not a valid image reference ([REGISTRY/]NAME[:TAG])" };
  }
  const name = m[1] ?? "";
  if (name.length > 255) return { problem: "has a repository name longer than 255 characters" };
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase());
  if (hasDomain && !isRegistryHost(first)) return { problem: "is not a valid image reference ([REGISTRY/]NAME[:TAG])" };
  let registry = hasDomain ? first : DOCKER_HUB;
  let repository = hasDomain ? name.slice(slash + 1) : name;
  if (registry === LEGACY_HUB) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  const ref = { registry, repository };
  if (m[2] !== void 0) ref.tag = m[2];
  if (m[3] !== void 0) ref.digest = m[3];
  return { ref };
}
function referenceProblem(text2) {
  return read(text2).problem;
}
function parseReference(text2) {
  const parsed = read(text2);
  if (parsed.problem !== void 0) throw new Error(`${text2} ${parsed.problem}`);
  return parsed.ref;
}
function repositoryOf(ref) {
  return `${ref.registry}/${ref.repository}`;
}
function apiHost(registry) {
  return registry === DOCKER_HUB ? HUB_API : registry;
}
function isLoopback(registry) {
  const host = registry.replace(/:[0-9]+$/, "");
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

// src/inputs/rules.ts
var boolean = (v) => isBooleanText(v) ? void 0 : "is not a boolean (true or false)";
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
var csvAttributes2 = (requireType) => (v) => {
  let fields;
  try {
    fields = csvFields(v);
  } catch (error) {
    if (error instanceof UnclosedQuoteError) return error.message;
    throw error;
  }
  if (fields.some((f) => f === "")) return "has an empty attribute";
  if (requireType && !fields.some((f) => /^type=[a-z0-9-]+$/.test(f))) {
    return "has no type=... attribute";
  }
  return void 0;
};
function pathExists(kind, base = process.cwd()) {
  return (v) => {
    const full = v.startsWith("/") ? v : `${base}/${v}`;
    if (!existsSync2(full)) return "does not exist";
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
var NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
var NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
var SIZE = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
var KEEP_STORAGE = new RegExp(`${SIZE.source}|^\\d+%$`);
var ULIMIT = /^[a-z]+=-?[0-9]+(:-?[0-9]+)?$/;
var ADD_HOST = /^[A-Za-z0-9._-]+[:=]([0-9A-Fa-f.:[\]]+|host-gateway)$/;
var ALLOW = /^(network\.host|security\.insecure|device(=.+)?)$/;
var CALL = /^(build|check|outline|targets)(,[a-z]+=[^,]+)*$/;
var SSH = /^[A-Za-z0-9_.-]+(=[^\s]+)?$/;
var reference = referenceProblem;

// src/inputs/reader.ts
var InputReader = class {
  constructor(given) {
    this.given = given;
  }
  given;
  /** The value as given, else action.yml's default (the runner passes those itself). */
  raw(name) {
    const v = this.given(name);
    return v.trim() === "" ? ACTION_INPUTS[name] ?? "" : v;
  }
  text(name) {
    return this.raw(name).trim();
  }
  optional(name, check) {
    const v = this.text(name);
    if (v === "") return void 0;
    check1(name, v, check);
    return v;
  }
  flag(name) {
    const v = this.text(name);
    if (v === "") return false;
    check1(name, v, boolean);
    return booleanValue(v);
  }
  /** A whole number within [min, max]. */
  integer(name, min, max) {
    const v = this.text(name);
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      throw new InputError(name, v, `is not a whole number from ${min} to ${max}`);
    }
    return n;
  }
  /** A whole number within [min, max], or undefined when neither given nor defaulted. */
  optionalInteger(name, min, max) {
    return this.text(name) === "" ? void 0 : this.integer(name, min, max);
  }
  oneOf(name, choices) {
    const v = this.text(name);
    if (!choices.includes(v)) throw new InputError(name, v, `is not one of ${choices.join(", ")}`);
    return v;
  }
  /** One item per line. */
  lines(name, check) {
    return checkAll(name, this.split(name, splitLines), check);
  }
  /** Items separated by newlines or commas. */
  list(name, check) {
    return checkAll(name, this.split(name, splitLinesAndCommas), check);
  }
  /**
   * The items of a list input; a quote never closed is refused, as buildx refuses it. `shown` is
   * what the error line may show of the value (a secret's is not shown).
   */
  split(name, split2, shown) {
    try {
      return split2(this.raw(name));
    } catch (error) {
      if (!(error instanceof UnclosedQuoteError)) throw error;
      throw new InputError(name, shown ?? this.text(name), error.message);
    }
  }
  /**
   * Platforms, each parsed and normalized once, none twice; `keyword` may turn an item that is a
   * keyword of this input (qemu-platforms' `all`) into platforms.
   */
  platforms(name, keyword) {
    const items = this.split(name, splitLinesAndCommas).flatMap((item) => keyword?.(item) ?? [item]);
    try {
      return readPlatformList(items);
    } catch (error) {
      if (!(error instanceof PlatformListError)) throw error;
      throw new InputError(name, error.problem.startsWith("lists ") ? this.text(name) : error.item, error.problem);
    }
  }
  /**
   * `KEY=VALUE` items, one per line (or separated by commas too, with `commas`): `keyRule` checks
   * the item's form and key, `valueRule` the value.
   */
  pairs(name, keyRule, valueRule, commas = false) {
    const items = commas ? this.list(name, keyRule) : this.lines(name, keyRule);
    return items.map((item) => {
      const [key, value] = keyAndValue(item);
      const why = valueRule?.(value.trim());
      if (why !== void 0) throw new InputError(name, item, `has a value that ${why}`);
      return [key, value.trim()];
    });
  }
};
function check1(name, value, check) {
  const why = check?.(value);
  if (why !== void 0) throw new InputError(name, value, why);
}
function checkAll(name, values, check) {
  for (const v of values) check1(name, v, check);
  return values;
}

// src/inputs/release-inputs.ts
function parseReleaseInputs(r, tags, builder, baking = false) {
  const mode = r.oneOf("mode", ["build", "merge", "plan"]);
  const pushByDigest = r.flag("push-by-digest");
  const image = r.optional("image", (v) => referenceProblem(v) ?? (parseReference(v).tag || parseReference(v).digest ? "names a tag or digest; give the repository only" : void 0));
  const sources = r.lines("sources", reference);
  const fromTags = tags.map((t) => repositoryOf(parseReference(t)));
  const named = image ? [repositoryOf(parseReference(image))] : fromTags;
  const repositories = [...new Set(named)];
  if (pushByDigest && repositories.length === 0 && !baking) {
    throw new InputError("image", "", "is empty, and so is tags: push-by-digest needs the repository to push to");
  }
  if (pushByDigest && builder === "default") {
    throw new InputError("push-by-digest", "true", 'does not work on builder "default" (the docker driver cannot push by digest): leave `builder` empty so the action creates one');
  }
  if (mode === "merge" && tags.length === 0 && !baking) {
    throw new InputError("tags", "", "is empty: mode merge needs the tags of the index to create");
  }
  if (mode === "merge" && pushByDigest) {
    throw new InputError("push-by-digest", "true", "goes with the legs (mode build), not with mode merge");
  }
  return { mode, pushByDigest, repositories, sources };
}

// src/sigstore/instance.ts
import { readFileSync as readFileSync2 } from "node:fs";
var TRUSTED_ROOT_TYPE = "application/vnd.dev.sigstore.trustedroot+json";
var SIGNING_CONFIG_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";
var InstanceFileProblem = class extends Error {
};
var isInline = (value) => value.trimStart().startsWith("{");
function readJson(fileOrJson) {
  let text2 = fileOrJson;
  if (!isInline(fileOrJson)) {
    try {
      text2 = readFileSync2(fileOrJson, "utf8");
    } catch {
      throw new InstanceFileProblem("cannot be read");
    }
  }
  try {
    const value = JSON.parse(text2);
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  } catch {
  }
  throw new InstanceFileProblem("is not a JSON object");
}
var listed = (v) => Array.isArray(v) && v.length > 0;
function readTrustedRoot(file) {
  const root = readJson(file);
  if (typeof root.mediaType !== "string" || !root.mediaType.startsWith(TRUSTED_ROOT_TYPE)) {
    throw new InstanceFileProblem(`is not a Sigstore trusted root (mediaType ${TRUSTED_ROOT_TYPE};version=0.1)`);
  }
  if (!listed(root.certificateAuthorities)) {
    throw new InstanceFileProblem("lists no certificate authority (certificateAuthorities)");
  }
  return { noCtLog: !listed(root.ctlogs) };
}
function readSigningConfig(file) {
  const config = readJson(file);
  if (config.mediaType !== SIGNING_CONFIG_TYPE) {
    throw new InstanceFileProblem(`is not a Sigstore signing config (mediaType ${SIGNING_CONFIG_TYPE})`);
  }
  if (!listed(config.caUrls)) throw new InstanceFileProblem("lists no certificate authority (caUrls)");
  return { rekorTlogUrls: [], tsaUrls: [], ...config };
}
function configFromUrls(fulcioUrl, rekorUrl) {
  const service = (url) => ({ url, majorApiVersion: 1, validFor: { start: "1970-01-01T00:00:00Z" } });
  return {
    mediaType: SIGNING_CONFIG_TYPE,
    caUrls: fulcioUrl ? [service(fulcioUrl)] : [],
    rekorTlogUrls: rekorUrl ? [service(rekorUrl)] : [],
    tsaUrls: [],
    rekorTlogConfig: { selector: "ANY" },
    tsaConfig: { selector: "ANY" }
  };
}
function signingConfigFor(config, tlog) {
  return tlog ? config : { ...config, rekorTlogUrls: [] };
}

// src/inputs/release-pin.ts
function releasePin(r, versionInput, urlInput, example) {
  const version = r.optional(versionInput, matches(/^v?\d+\.\d+\.\d+(-[\w.]+)?$/, `a release such as ${example}`));
  const urlTemplate = r.optional(urlInput, matches(
    /^https?:\/\/\S*\{version\}\S*$/,
    "an http(s) URL template with {version} (and {os}, {arch})"
  )) ?? "";
  if (!version) return void 0;
  return { version: version.startsWith("v") ? version : `v${version}`, urlTemplate };
}

// src/inputs/signing-inputs.ts
var PEM_KEY = /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]+-----END [A-Z0-9 ]*PRIVATE KEY-----$/;
var KMS = /^(awskms|gcpkms|azurekms|hashivault|k8s|pkcs11):\/\/\S+$/;
function parseSigningInputs(r) {
  const signing = {
    mode: r.oneOf("sign", ["auto", "true", "false"]),
    tlog: r.oneOf("sign-tlog", ["auto", "true", "false"]),
    verifySources: r.flag("verify-sources")
  };
  const key = r.text("sign-key");
  if (key !== "") {
    if (!PEM_KEY.test(key) && !KMS.test(key)) {
      throw new InputError("sign-key", "(the value is not shown)", "is neither a PEM private key (-----BEGIN ... PRIVATE KEY-----) nor a KMS URI (awskms://, gcpkms://, azurekms://, hashivault://, k8s://, pkcs11://)");
    }
    signing.key = key;
  }
  const identity = r.optional("sign-identity", matches(
    /^https:\/\/\S+@\S+$/,
    "a workflow identity such as https://github.com/OWNER/REPO/.github/workflows/FILE@REF"
  ));
  if (identity) signing.identity = identity;
  const pin = releasePin(r, "cosign-version", "cosign-url", "v2.5.0");
  if (pin) signing.cosignPin = pin;
  const sigstore = parseSigstoreInstance(r);
  if (sigstore) signing.sigstore = sigstore;
  return signing;
}
var SERVICE_URL = matches(/^https?:\/\/[^\s/?#]+(\/\S*)?$/, "an http(s) URL such as https://fulcio.example.com");
function readInstanceFile(r, name, read2) {
  const value = r.text(name);
  if (value === "") return void 0;
  try {
    return read2(value);
  } catch (error) {
    if (error instanceof InstanceFileProblem) {
      throw new InputError(name, isInline(value) ? "(the JSON given)" : value, error.message);
    }
    throw error;
  }
}
function parseSigstoreInstance(r) {
  const fulcio = r.optional("fulcio-url", SERVICE_URL);
  const rekor = r.optional("rekor-url", SERVICE_URL);
  const config = readInstanceFile(r, "sigstore-signing-config", readSigningConfig);
  const root = readInstanceFile(r, "sigstore-trusted-root", readTrustedRoot);
  if (config && (fulcio || rekor)) {
    const given2 = fulcio ? "fulcio-url" : "rekor-url";
    throw new InputError(given2, r.text(given2), "and sigstore-signing-config both name the services: give one of them");
  }
  if (!config && !fulcio && !rekor && !root) return void 0;
  if (!root) {
    const given2 = config ? "sigstore-signing-config" : fulcio ? "fulcio-url" : "rekor-url";
    throw new InputError(given2, r.text(given2), "needs sigstore-trusted-root: signatures of a private Sigstore verify only against its own trusted root (trusted_root.json)");
  }
  const signingConfig = config ?? (fulcio || rekor ? configFromUrls(fulcio, rekor) : void 0);
  const given = r.text("sigstore-trusted-root");
  const trustedRoot = isInline(given) ? { content: given } : { file: given };
  return { ...signingConfig ? { signingConfig } : {}, trustedRoot, noCtLog: root.noCtLog };
}

// src/inputs/bake-inputs.ts
var TARGET_NAME = /^[a-zA-Z0-9_-]+$/;
var SET_KEY = /^[\w*?[\]!-]+(\.[\w-]+)+$/;
function parseBakeInputs(r) {
  const source = r.optional("source", matches(
    /^(https?:\/\/|git@|git:\/\/)\S+$/,
    "a Git or HTTP URL of a bake definition (local files: leave source empty, give files and workdir)"
  ));
  const files = r.list("files");
  const targets = r.list("targets", matches(TARGET_NAME, "a bake target or group name"));
  const set = r.lines("set", keyValue(SET_KEY, "TARGET.KEY"));
  const workdir = r.text("workdir");
  if (!source && files.length === 0 && targets.length === 0) return void 0;
  check1("workdir", workdir, pathExists("dir"));
  if (!source) {
    for (const f of files) check1("files", f, pathExists("file", workdir.startsWith("/") ? workdir : `${process.cwd()}/${workdir}`));
  }
  return { files, targets, set, workdir, ...source ? { source } : {} };
}

// src/inputs/fan-out-inputs.ts
var HOSTED_RUNNERS = [
  { pattern: "default", runner: "ubuntu-24.04" },
  { pattern: "linux/arm", runner: "ubuntu-24.04-arm" },
  { pattern: "linux/arm64", runner: "ubuntu-24.04-arm" }
];
var LABEL = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function patternOf(key) {
  if (key === "default") return key;
  const plain = key.replace(/\/\*$/, "");
  const p = parsePlatform(plain);
  return plain.split("/").length === 2 ? `${p.os}/${p.architecture}` : formatPlatform(p);
}
function parseFanOutInputs(r, parseYaml) {
  const groupByRunner = r.flag("group-by-runner");
  const text2 = r.text("runners");
  if (text2 === "") return { runners: [...HOSTED_RUNNERS], groupByRunner };
  if (!parseYaml) throw new Error("runners given but no YAML parser loaded");
  const first = text2.split("\n")[0] ?? "";
  let doc;
  try {
    doc = parseYaml(text2);
  } catch (error) {
    throw new InputError("runners", first, `is not valid YAML: ${errorMessage(error).split("\n")[0]}`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError("runners", first, "must be a YAML mapping of platform (or prefix, or default) to runner");
  }
  const given = Object.entries(doc).map(([key, value]) => {
    let pattern;
    try {
      pattern = patternOf(key.trim());
    } catch (error) {
      throw new InputError("runners", key, `is not a platform, a prefix of one, or default: ${errorMessage(error)}`);
    }
    const labels = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    if (labels.length === 0 || !labels.every((l) => typeof l === "string" && LABEL.test(l))) {
      throw new InputError("runners", key, "maps to no runs-on label (a label, or a list of labels)");
    }
    return { pattern, runner: typeof value === "string" ? value : labels };
  });
  const patterns = new Set(given.map((g) => g.pattern));
  return { runners: [...HOSTED_RUNNERS.filter((h) => !patterns.has(h.pattern)), ...given], groupByRunner };
}

// src/inputs/node-specs.ts
var KEYS = ["name", "endpoint", "platforms", "driver-opts", "buildkitd-flags"];
var ENDPOINT = new RegExp(`^(tcp|unix|ssh|docker-container|kube-pod|npipe)://\\S+$|${NAME.source}`);
var MAX_DEPTH = 32;
function nesting(text2) {
  let depth = 0;
  let deepest = 0;
  for (const ch of text2) {
    if (ch === "[" || ch === "{") deepest = Math.max(deepest, ++depth);
    else if (ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  const indents = text2.split("\n").map((l) => (/^[ -]*/.exec(l)?.[0].length ?? 0) / 2);
  return Math.max(deepest, ...indents);
}
function parseNodeSpecs(text2, parseYaml) {
  if (nesting(text2) > MAX_DEPTH) throw new Error(`nests deeper than ${MAX_DEPTH} levels: a list of nodes is 3 deep`);
  let doc;
  try {
    doc = parseYaml(text2);
  } catch (error) {
    throw new Error(`is not valid YAML: ${errorMessage(error).split("\n")[0]}`, { cause: error });
  }
  if (!Array.isArray(doc)) throw new Error("must be a YAML list of nodes ({name, endpoint, platforms, ...})");
  if (doc.length === 0) throw new Error("is an empty list");
  const seen = /* @__PURE__ */ new Set();
  return doc.map((item, i) => {
    const where = `node ${i + 1}`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new Error(`${where} is not a mapping of ${KEYS.join(", ")}`);
    }
    const node = item;
    const name = node.name;
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new Error(`${where} needs a name of letters, digits, '.', '_' or '-'`);
    }
    const label = `node ${i + 1} (${name})`;
    const unknown = Object.keys(node).find((k) => !KEYS.includes(k));
    if (unknown) throw new Error(`${label} has an unknown key "${unknown}" (allowed: ${KEYS.join(", ")})`);
    if (seen.has(name)) throw new Error(`${label}: the name ${name} is used twice`);
    seen.add(name);
    const spec = { name, platforms: [], driverOpts: [] };
    const endpoint2 = stringField(node, "endpoint", label);
    if (endpoint2 !== void 0) {
      if (!ENDPOINT.test(endpoint2)) throw new Error(`${label} has an endpoint that is not a URL or context: ${endpoint2}`);
      spec.endpoint = endpoint2;
    }
    try {
      spec.platforms = readPlatformList(listField(node, "platforms", label, splitLinesAndCommas));
    } catch (error) {
      if (!(error instanceof PlatformListError)) throw error;
      throw new Error(`${label} has a platform "${error.item}" that ${error.problem}`, { cause: error });
    }
    spec.driverOpts = listField(node, "driver-opts", label, splitLines);
    const flags = stringField(node, "buildkitd-flags", label);
    if (flags !== void 0) spec.buildkitdFlags = flags;
    return spec;
  });
}
function stringField(node, key, label) {
  const v = node[key];
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "string") throw new Error(`${label}: ${key} must be a string`);
  return v.trim();
}
function listField(node, key, label, split2) {
  const v = node[key];
  if (v === void 0 || v === null) return [];
  if (typeof v === "string") return split2(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.map((x) => x.trim());
  throw new Error(`${label}: ${key} must be a string or a list of strings`);
}

// src/shared/inputs-types.ts
var DRIVERS = ["docker-container", "remote", "kubernetes"];
var CACHE_MODES = ["auto", "gha", "registry", "off"];
function nativePlatforms(inputs) {
  if (inputs.builder) return [];
  return (inputs.setup.nodes ?? []).flatMap((n) => n.platforms.slice(0, 1));
}

// src/host/binfmt.ts
import { existsSync as existsSync3, readFileSync as readFileSync3 } from "node:fs";
import { join as join4 } from "node:path";
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
  if (platformProblem(platform) !== void 0) return void 0;
  const { os, architecture } = parsePlatform(platform);
  const entry = os === "linux" ? ARCHES[architecture] : void 0;
  return entry ? { handler: entry[0], install: entry[1] } : void 0;
}
function emulatablePlatforms(hostArch = process.arch) {
  const own = new Set(hostPlatforms(hostArch));
  return Object.keys(ARCHES).map((arch) => normalizePlatform(`linux/${arch}`)).filter((p) => !own.has(p));
}
function parseHandler(text2) {
  const lines = text2.split("\n");
  return {
    enabled: lines[0]?.trim() === "enabled",
    interpreter: /^interpreter (.*)$/m.exec(text2)?.[1]?.trim() ?? "",
    flags: /^flags: ?(.*)$/m.exec(text2)?.[1]?.trim() ?? ""
  };
}
function readHandler(name, dir = BINFMT_DIR) {
  const file = join4(dir, name);
  if (!existsSync3(file)) return void 0;
  try {
    return parseHandler(readFileSync3(file, "utf8"));
  } catch {
    return void 0;
  }
}
function binfmtMounted(dir = BINFMT_DIR) {
  return existsSync3(join4(dir, "status"));
}

// src/inputs/setup-inputs.ts
function parseQemuInputs(r) {
  const qemu = {
    mode: r.oneOf("qemu", ["auto", "true", "false"]),
    image: r.optional("qemu-image", reference) ?? ""
  };
  const platforms = r.platforms("qemu-platforms", (item) => item === "all" ? emulatablePlatforms() : void 0);
  if (platforms.length > 0) qemu.platforms = platforms;
  return qemu;
}
function parseBuilderInputs(r, parseYaml) {
  const driver = r.oneOf("driver", DRIVERS);
  const b = {
    driver,
    driverOpts: r.lines("driver-opts", (v) => v.includes("=") ? void 0 : "is not of the form KEY=VALUE"),
    buildkitImage: r.optional("buildkit-image", reference) ?? "",
    hostNetwork: r.flag("host-network"),
    bootTimeoutSeconds: r.integer("boot-timeout", 1, 3600),
    bootRetries: r.integer("boot-retries", 0, 10),
    cleanup: r.flag("cleanup"),
    registry: parseRegistrySettings(r)
  };
  const flags = r.optional("buildkitd-flags");
  if (flags !== void 0) b.buildkitdFlags = flags;
  const config = r.optional("buildkitd-config-inline");
  if (config !== void 0) b.buildkitdConfigInline = config;
  const nodesText = r.text("nodes");
  if (nodesText !== "") {
    if (!parseYaml) throw new Error("nodes given but no YAML parser loaded");
    try {
      b.nodes = parseNodeSpecs(nodesText, parseYaml);
    } catch (error) {
      throw new InputError("nodes", firstLine(nodesText), errorMessage(error));
    }
    const missing = b.nodes.find((n) => !n.endpoint);
    if (driver === "remote" && missing) {
      const why = `node ${missing.name} needs an endpoint for the remote driver`;
      throw new InputError("nodes", firstLine(nodesText), why);
    }
  } else if (driver === "remote") {
    throw new InputError("driver", driver, "needs `nodes` with an endpoint for each node");
  }
  return b;
}
function parseRegistrySettings(r) {
  const hostKey = keyValue(REGISTRY_HOST, "registry host");
  const settings = {
    ca: Object.fromEntries(r.pairs("registry-ca", hostKey, pathExists("file"))),
    insecure: r.list("insecure-registries", matches(REGISTRY_HOST, "a registry host[:port]")),
    mirrors: {}
  };
  for (const [host, url] of r.pairs("registry-mirrors", hostKey, mirrorUrl)) (settings.mirrors[host] ??= []).push(url);
  const keep2 = r.optional("cache-keep-storage", matches(KEEP_STORAGE, "a size such as 10gb, or a percentage of the disk such as 10%"));
  if (keep2) settings.keepStorage = keep2;
  return settings;
}
var mirrorUrl = (v) => {
  const host = /^(?:https?:\/\/)?([^/\s]+)(?:\/\S*)?$/.exec(v)?.[1];
  return host !== void 0 && isRegistryHost(host) ? void 0 : "is not a mirror URL";
};
function firstLine(text2) {
  const line = text2.trim().split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}...` : `${line}${text2.trim().includes("\n") ? " ..." : ""}`;
}

// src/inputs/report-settings.ts
var TRUE = /* @__PURE__ */ new Set(["1", "t", "T", "true", "TRUE", "True"]);
var FALSE = /* @__PURE__ */ new Set(["0", "f", "F", "false", "FALSE", "False"]);
function readReportSettings(env) {
  const problems = [];
  const flag = (name, fallback) => {
    const value = env[name];
    if (value === void 0 || value === "") return fallback;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    problems.push(`${name}=${JSON.stringify(value)} is not a boolean (true or false); using ${String(fallback)}`);
    return fallback;
  };
  const days = (name) => {
    const value = env[name];
    if (value === void 0 || value === "") return void 0;
    if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
    problems.push(`${name}=${JSON.stringify(value)} is not a whole number of days; using the repository's retention`);
    return void 0;
  };
  const recordRetentionDays = days("DOCKER_BUILD_RECORD_RETENTION_DAYS");
  return {
    settings: {
      checksAnnotations: flag("DOCKER_BUILD_CHECKS_ANNOTATIONS", true),
      record: flag("DOCKER_BUILD_SUMMARY", true),
      recordUpload: flag("DOCKER_BUILD_RECORD_UPLOAD", true),
      ...recordRetentionDays !== void 0 ? { recordRetentionDays } : {}
    },
    problems
  };
}
function reportSettings(env) {
  const { settings, problems } = readReportSettings(env);
  for (const problem of problems) warning(problem);
  return settings;
}

// src/inputs/inputs.ts
function parseInputs(raw, env = process.env, parseYaml) {
  const r = new InputReader(raw);
  const github = githubRun(env);
  const context = contextInput(r.text("context"), github, "context");
  const contextIsLocal = !context.includes(DEFAULT_CONTEXT) && !isRemoteContext(context);
  if (contextIsLocal) check1("context", context, pathExists("dir"));
  const file = r.optional("file", contextIsLocal ? pathExists("file") : void 0);
  const platforms = r.platforms("platforms");
  const tags = r.list("tags", tagRule);
  const push = r.flag("push");
  const outputs = r.lines("outputs", csvAttributes2(false));
  const bake = parseBakeInputs(r);
  if (push && !bake && tags.length === 0 && outputs.length === 0 && r.text("image") === "") {
    throw new InputError("tags", "", "is empty, but push is true: name the image to push");
  }
  const idRule = keyValue(SECRET_ID, "ID");
  const secrets = secretLines(r.split("secrets", splitLines, "(the value is not shown)"), idRule);
  const secretEnvs = r.pairs("secret-envs", idRule, envNameRule, true).map(([id, env2]) => ({ id, env: env2 }));
  const secretFiles = r.pairs("secret-files", idRule, pathExists("file")).map(([id, path]) => ({ id, path }));
  const inputs = {
    ...bake ? { bake } : {},
    context,
    contextIsLocal,
    file,
    platforms,
    tags,
    push,
    load: r.flag("load"),
    buildArgs: r.lines("build-args", keyValue(BUILD_ARG, "build arg name", true)),
    buildContexts: r.lines("build-contexts", keyValue(NAME, "context name")).map((c) => contextInput(c, github, "build-contexts")),
    labels: r.lines("labels", keyValue(LABEL_KEY, "label key")),
    annotations: r.lines("annotations", keyValue(LABEL_KEY, "annotation key")),
    target: r.optional("target", matches(NAME, "a build stage name")),
    secrets,
    secretEnvs,
    secretFiles,
    ssh: r.list("ssh", matches(SSH, "default or ID[=PATH]")),
    cacheFrom: r.lines("cache-from", cacheRule),
    cacheTo: r.lines("cache-to", cacheRule),
    outputs,
    noCache: r.flag("no-cache"),
    noCacheFilters: r.list("no-cache-filters", matches(NAME, "a build stage name")),
    pull: r.flag("pull"),
    provenance: r.optional("provenance", attestationRule),
    sbom: r.optional("sbom", attestationRule),
    attests: r.lines("attests", csvAttributes2(true)),
    addHosts: r.list("add-hosts", matches(ADD_HOST, "of the form HOST:IP (or HOST:host-gateway)")),
    shmSize: r.optional("shm-size", matches(SIZE, "a size such as 2g or 512m")),
    ulimit: r.lines("ulimit", matches(ULIMIT, "of the form NAME=SOFT[:HARD]")),
    cgroupParent: r.optional("cgroup-parent", matches(/^[^\s]+$/, "a cgroup path")),
    call: r.optional("call", matches(CALL, "build, check, outline or targets")),
    network: r.optional("network", matches(NETWORK, "a network mode (default, none, host)")),
    allow: r.list("allow", matches(ALLOW, "an entitlement (network.host, security.insecure)")),
    builder: r.optional("builder", matches(NAME, "a builder name")),
    githubToken: r.optional("github-token"),
    retry: {
      retries: r.integer("retries", 0, 20),
      delaySeconds: r.integer("retry-delay", 0, 600),
      attemptTimeoutSeconds: r.optionalInteger("attempt-timeout", 1, 86400)
    },
    buildxPin: releasePin(r, "buildx-version", "buildx-url", "v0.29.1"),
    signing: parseSigningInputs(r),
    release: parseReleaseInputs(r, tags, r.text("builder") || void 0, bake !== void 0),
    fanOut: parseFanOutInputs(r, parseYaml),
    qemu: parseQemuInputs(r),
    setup: parseBuilderInputs(r, parseYaml),
    github,
    cache: { mode: r.oneOf("cache", CACHE_MODES), fanOutPlatforms: r.platforms("fan-out-platforms") },
    report: reportSettings(env)
  };
  return inputs;
}
var envNameRule = (v) => ENV_NAME.test(v) ? void 0 : "is not a valid environment variable name";
function secretLines(items, idRule) {
  return items.map((item, i) => {
    const why = idRule(item);
    const id = splitKeyValue(item)?.[0];
    if (why !== void 0) {
      const hint = i > 0 && !id ? ': a multi-line value must be quoted whole, as "ID=line 1\nline 2"' : "";
      throw new InputError("secrets", `line ${i + 1}${id ? ` (ID ${id})` : ""}`, `${why}${hint}`);
    }
    const [key, value] = keyAndValue(item);
    return { id: key, value };
  });
}
var tagRule = (v) => referenceProblem(v) ?? (parseReference(v).digest ? "has a digest; a tag cannot" : void 0);
var cacheRule = (v) => v.includes("=") ? csvAttributes2(true)(v) : tagRule(v) && "is neither type=... nor an image reference";
var attestationRule = (v) => isBooleanText(v) ? void 0 : csvAttributes2(false)(v) ?? (csvFields(v).every((f) => f.includes("=")) ? void 0 : "is not true, false or KEY=VALUE,...");
function contextInput(value, github, input) {
  if (value === "" && input === "context") return github.git ? DEFAULT_CONTEXT : ".";
  if (value.includes(DEFAULT_CONTEXT) && !github.git) {
    throw new InputError(input, value, `uses ${DEFAULT_CONTEXT} outside a GitHub workflow`);
  }
  return value;
}
async function getInputs() {
  const yaml = getInput("nodes").trim() || getInput("runners").trim() ? await loadYaml() : void 0;
  return parseInputs((name) => getInput(name), process.env, yaml);
}
async function loadYaml() {
  return (await import("./lazy-yaml.js")).parseYaml;
}

// src/inputs/mask.ts
function secretValues(inputs) {
  const pemKey = inputs.signing.key?.startsWith("-----") ? inputs.signing.key : "";
  const values = [...inputs.secrets.map((s) => s.value), inputs.githubToken ?? "", pemKey].filter((v) => v !== "");
  const lines = values.flatMap((v) => v.split(/\r?\n/)).filter((l) => l.trim().length > 2);
  return [.../* @__PURE__ */ new Set([...values, ...lines])];
}
function maskSecrets(inputs) {
  for (const v of secretValues(inputs)) setSecret(v);
}

// src/registry/client.ts
import { createHash } from "node:crypto";

// src/registry/manifests.ts
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

// src/registry/http-get.ts
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { rootCertificates } from "node:tls";
async function httpGet(url, opts = {}, redirects = 5) {
  const res = await once(new URL(url), opts);
  const location = res.headers.location;
  if (res.status >= 300 && res.status < 400 && location && redirects > 0) {
    const next = new URL(location, url);
    const headers = { ...opts.headers };
    if (next.host !== new URL(url).host) delete headers.authorization;
    return httpGet(next.toString(), { ...opts, method: "GET", body: void 0, headers }, redirects - 1);
  }
  return res;
}
function once(url, opts) {
  return new Promise((resolve2, reject) => {
    const tls = url.protocol === "https:" ? {
      ca: opts.ca?.length ? [...rootCertificates, ...opts.ca] : void 0,
      rejectUnauthorized: !opts.insecure
    } : {};
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, {
      method: opts.method ?? "GET",
      headers: opts.headers,
      timeout: opts.timeoutMs ?? 3e4,
      ...tls
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve2({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 3e4} ms`)));
    req.on("error", reject);
    req.end(opts.body);
  });
}

// src/registry/credentials.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { join as join5 } from "node:path";
var HUB_KEY = "https://index.docker.io/v1/";
function readDockerConfig(env = process.env) {
  try {
    return JSON.parse(readFileSync4(join5(dockerConfigDir(env), "config.json"), "utf8"));
  } catch {
    return {};
  }
}
function sameRegistry(key, registry) {
  const host = hostOf(key);
  return registry === DOCKER_HUB ? isDockerHub(host) : host === registry;
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

// src/registry/trust.ts
import { existsSync as existsSync4, readdirSync, readFileSync as readFileSync5, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join6 } from "node:path";
function registryTrust(settings, dir) {
  const given = Object.fromEntries(Object.entries(settings.ca).map(([host, file]) => [host, readFileSync5(file, "utf8")]));
  return { trustFor: trustFrom(given, settings.insecure), env: bundleEnv(Object.values(given), dir) };
}
function trustFrom(ca, insecure, certsDir = "/etc/docker/certs.d") {
  const known = /* @__PURE__ */ new Map();
  return (registry) => {
    let trust = known.get(registry);
    if (!trust) {
      const given = ca[registry];
      const pems = given !== void 0 ? [given] : dockerCerts(join6(certsDir, registry)).map((f) => readFileSync5(f, "utf8"));
      trust = { ca: pems, insecure: insecure.includes(registry) };
      known.set(registry, trust);
    }
    return trust;
  };
}
function dockerCerts(dir) {
  if (!existsSync4(dir)) return [];
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".crt")).map((f) => join6(dir, f));
  } catch {
    return [];
  }
}
var SYSTEM_BUNDLES = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"];
function bundleEnv(given, dir) {
  if (given.length === 0) return {};
  const system = SYSTEM_BUNDLES.find((f) => existsSync4(f));
  const bundle = join6(dir, "registry-ca-bundle.pem");
  const pems = [...system ? [readFileSync5(system, "utf8")] : [], ...given];
  writeFileSync2(bundle, pems.map((p) => p.trim()).join("\n") + "\n");
  return { SSL_CERT_FILE: bundle };
}

// src/registry/client.ts
var ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(", ");
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
    params[(m[1] ?? "").toLowerCase()] = m[2] ?? "";
  }
  return { scheme, params };
}
var basic = (c) => `Basic ${Buffer.from(`${c.username ?? ""}:${c.password ?? ""}`).toString("base64")}`;
var USER_AGENT = "multiarch-build";
var RegistryClient = class {
  constructor(config = readDockerConfig(), trust = trustFrom({}, [])) {
    this.config = config;
    this.trust = trust;
  }
  config;
  trust;
  auths = /* @__PURE__ */ new Map();
  probes = /* @__PURE__ */ new Map();
  async manifest(ref) {
    const res = await this.request(ref, `manifests/${ref.digest ?? ref.tag ?? "latest"}`, ACCEPT);
    const digest2 = `sha256:${createHash("sha256").update(res.body).digest("hex")}`;
    const json = JSON.parse(res.body.toString("utf8"));
    return { digest: digest2, mediaType: json.mediaType ?? String(res.headers["content-type"] ?? ""), json };
  }
  /** The digest a reference serves, from a HEAD (a GET when the registry sends no digest header). */
  async manifestDigest(ref) {
    const res = await this.request(ref, `manifests/${ref.digest ?? ref.tag ?? "latest"}`, ACCEPT, "HEAD");
    const header = res.headers["docker-content-digest"];
    const digest2 = Array.isArray(header) ? header[0] : header;
    return digest2 && /^sha256:[0-9a-f]{64}$/.test(digest2) ? digest2 : (await this.manifest(ref)).digest;
  }
  async blobJson(ref, digest2) {
    return JSON.parse((await this.request(ref, `blobs/${digest2}`, "*/*")).body.toString("utf8"));
  }
  /**
   * Whom a registry's 401 refused: the `login` when the registry wants Basic credentials, the
   * runner has none for it, or its token service refuses them; a `token` when the token service
   * issues one for a push with that login (the registry refused what its own service issued).
   * Undefined when it cannot tell (no challenge, the token service unreachable).
   */
  async refused(registry, repository) {
    const challenge = await this.challenge(registry);
    if (!challenge) return void 0;
    const { scheme, params } = parseChallenge(challenge);
    const creds = await credentialsFor(registry, this.config);
    if (scheme === "basic" || !creds?.username && !creds?.identityToken) return "login";
    if (scheme !== "bearer" || !params.realm) return void 0;
    try {
      await this.token(registry, params, `repository:${repository}:pull,push`, creds);
      return "token";
    } catch (error) {
      return error instanceof RegistryError && (error.status === 401 || error.status === 403) ? "login" : void 0;
    }
  }
  /** The registry's auth challenge: the probe's, or its `/v2/` answer over TLS. */
  async challenge(registry) {
    const { base, challenge } = await this.probe(registry);
    if (challenge || base.startsWith("http:")) return challenge;
    const res = await this.send(registry, `${base}/v2/`, { timeoutMs: 1e4, headers: { "user-agent": USER_AGENT } }).catch(() => void 0);
    const header = res?.status === 401 ? res.headers["www-authenticate"] : void 0;
    return Array.isArray(header) ? header[0] : header;
  }
  async request(ref, path, accept, method = "GET") {
    const scope = `${ref.registry}/${ref.repository}`;
    const { base, challenge } = await this.probe(ref.registry);
    const url = `${base}/v2/${ref.repository}/${path}`;
    if (challenge && !this.auths.has(scope)) this.auths.set(scope, this.authorize(ref, challenge));
    let asked2 = this.auths.get(scope);
    const send = async (auth) => this.send(
      ref.registry,
      url,
      { method, headers: { accept, "user-agent": USER_AGENT, ...auth ? { authorization: auth } : {} } }
    );
    let res = await send(await asked2);
    if (res.status === 401) {
      if (this.auths.get(scope) === asked2) {
        this.auths.set(scope, this.authorize(ref, String(res.headers["www-authenticate"] ?? "")));
      }
      asked2 = this.auths.get(scope);
      res = await send(await asked2);
    }
    if (res.status < 200 || res.status >= 300) {
      const detail = res.body.toString("utf8").slice(0, 300).trim();
      throw new RegistryError(
        `${ref.registry}/${ref.repository}: ${method} ${path} answered ${res.status}${detail ? `: ${detail}` : ""}`,
        res.status
      );
    }
    return res;
  }
  async send(registry, url, opts) {
    try {
      return await httpGet(url, { ...opts, ...this.trust(registry) });
    } catch (error) {
      throw new RegistryError(`${opts.method ?? "GET"} ${url} failed: ${errorMessage(error)}`);
    }
  }
  /**
   * Where the registry's API answers: https, except loopback and insecure registries, which speak
   * plain HTTP unless their probe says TLS. The probe's 401 is the auth challenge: kept.
   */
  probe(registry) {
    let probed = this.probes.get(registry);
    if (!probed) {
      probed = (async () => {
        const host = apiHost(registry);
        if (!isLoopback(registry) && !this.trust(registry).insecure) return { base: `https://${host}` };
        try {
          const res = await httpGet(`http://${host}/v2/`, { timeoutMs: 1e4, headers: { "user-agent": USER_AGENT } });
          if (res.status === 400 && /HTTPS/i.test(res.body.toString("utf8"))) return { base: `https://${host}` };
          const challenge = res.status === 401 ? String(res.headers["www-authenticate"] ?? "") : void 0;
          return challenge ? { base: `http://${host}`, challenge } : { base: `http://${host}` };
        } catch {
          return { base: `https://${host}` };
        }
      })();
      this.probes.set(registry, probed);
    }
    return probed;
  }
  async authorize(ref, challenge) {
    const { scheme, params } = parseChallenge(challenge);
    const creds = await credentialsFor(ref.registry, this.config);
    if (scheme === "basic") {
      if (!creds?.username) {
        throw new RegistryError(`${ref.registry} asks for credentials and none are configured (log in first)`, 401);
      }
      return basic(creds);
    }
    if (scheme !== "bearer" || !params.realm) {
      throw new RegistryError(`${ref.registry} sent an authentication challenge this client does not know: ${challenge}`, 401);
    }
    return `Bearer ${await this.token(ref.registry, params, `repository:${ref.repository}:pull`, creds)}`;
  }
  async token(registry, params, scope, creds) {
    const realm = new URL(params.realm ?? "");
    let res;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: creds.identityToken,
        service: params.service ?? "",
        scope,
        client_id: "multiarch-build"
      });
      res = await this.send(registry, realm.toString(), {
        method: "POST",
        body: form.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" }
      });
    } else {
      if (params.service) realm.searchParams.set("service", params.service);
      realm.searchParams.set("scope", scope);
      const headers = creds?.username ? { authorization: basic(creds) } : {};
      res = await this.send(registry, realm.toString(), { headers });
    }
    if (res.status !== 200) throw new RegistryError(`token endpoint ${realm.host} answered ${res.status}`, res.status);
    const body = JSON.parse(res.body.toString("utf8"));
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token endpoint ${realm.host} returned no token`);
    return token;
  }
};
function registryClientFor(trust) {
  return new RegistryClient(readDockerConfig(), trust.trustFor);
}

// src/registry/served-image.ts
async function readServed(client, ref, name) {
  const m = await client.manifest(ref);
  if (isIndex(m.mediaType, m.json)) {
    const manifests = (m.json.manifests ?? []).map((d) => d.digest);
    return { ...m, platforms: platformDigests(m.json), manifests };
  }
  const configDigest = m.json.config?.digest;
  if (!configDigest) throw new Error(`${name}: the registry serves a manifest without a config`);
  const config = await client.blobJson(ref, configDigest);
  return { ...m, platforms: { [formatPlatform(config)]: m.digest }, manifests: [] };
}
function compressedSize(m) {
  return (m.config?.size ?? 0) + (m.layers ?? []).reduce((sum, l) => sum + (l.size ?? 0), 0);
}

// src/merge/merge.ts
async function resolveSource(source, client) {
  const ref = parseReference(source);
  const served = await readServed(client, ref, source);
  return { source, pinned: `${repositoryOf(ref)}@${served.digest}`, platforms: served.platforms };
}
function coverageProblem(expected, resolved) {
  const from = /* @__PURE__ */ new Map();
  for (const r of resolved) {
    for (const p of Object.keys(r.platforms)) from.set(p, [...from.get(p) ?? [], r.source]);
  }
  const missing = expected.filter((p) => !from.has(p));
  const twice = [...from].filter(([, s]) => s.length > 1).map(([p, s]) => `${p} (in ${s.join(" and ")})`);
  const extra = [...from.keys()].filter((p) => !expected.includes(p));
  const problems = [
    missing.length ? `missing ${missing.join(", ")}` : "",
    twice.length ? `twice: ${twice.join(", ")}` : "",
    extra.length ? `not expected: ${extra.join(", ")}` : ""
  ].filter(Boolean);
  return problems.length ? problems.join("; ") : void 0;
}
function imagetoolsArgv(tags, annotations, pinned) {
  return [
    "imagetools",
    "create",
    ...tags.flatMap((t) => ["--tag", t]),
    ...annotations.flatMap((a) => ["--annotation", a]),
    ...pinned
  ];
}
async function mergeIndex(buildx, req, client) {
  const resolve2 = (s) => resolveSource(s, client).catch((error) => {
    throw new Error(`source ${s} cannot be read: ${errorMessage(error)}`, { cause: error });
  });
  const resolved = await Promise.all([...new Set(req.sources)].map(resolve2));
  const problem = coverageProblem(req.platforms, resolved);
  if (problem) {
    throw new Error(`the sources do not make ${req.platforms.join(", ")}: ${problem}; nothing was pushed`);
  }
  await req.checkSources?.(resolved.map((r) => r.pinned));
  const want = Object.assign({}, ...resolved.map((r) => r.platforms));
  info(`merging ${resolved.map((r) => r.pinned).join(", ")} into ${req.tags.join(", ")}`);
  const argv = imagetoolsArgv(req.tags, req.annotations, resolved.map((r) => r.pinned));
  await runRetried(
    buildx,
    { argv, env: req.env },
    req.retry,
    { what: "buildx imagetools create", ask: req.ask, signal: req.signal }
  );
  return verify(req.tags, want, client);
}
async function verify(tags, want, client) {
  const [first = "", ...others] = tags;
  const [index, ...digests] = await Promise.all([
    readBack(() => client.manifest(parseReference(first))),
    ...others.map((t) => readBack(() => client.manifestDigest(parseReference(t))))
  ]);
  const problem = verificationProblem(first, index, want, others, digests);
  if (problem) throw new Error(problem);
  return { digest: index.digest, digests: want };
}
function verificationProblem(first, index, want, others, digests) {
  const differ = digests.findIndex((d) => d !== index.digest);
  if (differ >= 0) return `${others[differ]} serves ${digests[differ]}, ${first} serves ${index.digest}`;
  const got = isIndex(index.mediaType, index.json) ? platformDigests(index.json) : {};
  const sorted = (o) => JSON.stringify(Object.entries(o).sort());
  if (sorted(got) !== sorted(want)) {
    return `${first} does not serve the merged platforms: got ${sorted(got)}, want ${sorted(want)}`;
  }
  return void 0;
}
function readBack(read2) {
  return withRetries(
    { attempts: Infinity, firstDelayMs: 500, maxDelayMs: 4e3, deadlineMs: 3e4 },
    read2,
    (error) => error instanceof RegistryError && error.status === 404
  );
}

// src/merge/sources.ts
var imageOf = (inputs) => inputs.release.repositories[0] ?? "";
var recordsForMerge = (inputs) => inputs.release.pushByDigest && cacheServiceAvailable();
async function recordLegForMerge(inputs, source, platforms, checks) {
  if (!recordsForMerge(inputs)) {
    info("push-by-digest: no Actions cache service here, so the digests are not recorded for a merge step");
    return;
  }
  const { saveLegRecords } = await import("./lazy-leg-records.js");
  await saveLegRecords(imageOf(inputs), source, platforms, checks);
}
async function mergeSources(inputs) {
  if (inputs.release.sources.length > 0) return { sources: inputs.release.sources, checks: [] };
  if (!cacheServiceAvailable()) {
    throw new Error("mode merge: `sources` is empty and there is no Actions cache service to find the legs of this run in: give `sources` (repo@sha256:\u2026 or per-arch tags)");
  }
  const { restoreLegRecords } = await import("./lazy-leg-records.js");
  return restoreLegRecords(imageOf(inputs), inputs.platforms);
}

// src/preflight/preflight.ts
import { release } from "node:os";

// src/host/engine-api.ts
import { request } from "node:http";
function engineSocket(env = process.env) {
  const host = env.DOCKER_HOST;
  if (!host) return "/var/run/docker.sock";
  return host.startsWith("unix://") ? host.slice("unix://".length) : void 0;
}
function parseEngineInfo(json) {
  return {
    version: json.ServerVersion ?? "",
    containerdStore: (json.DriverStatus ?? []).some(([k, v]) => k === "driver-type" && /snapshotter/.test(v ?? "")),
    architecture: json.Architecture ?? ""
  };
}
function engineInfo(socketPath, timeoutMs = 5e3) {
  return new Promise((resolve2, reject) => {
    const req = request({ socketPath, path: "/info", timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => body += c);
      res.on("end", () => {
        if (res.statusCode !== 200) reject(new Error(`engine answered ${res.statusCode} to /info`));
        else {
          try {
            resolve2(parseEngineInfo(JSON.parse(body)));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${socketPath} within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

// src/preflight/preflight.ts
async function preflight(inputs, buildx) {
  const kernel = release();
  const [major = 0, minor = 0] = kernel.split(".").map((n) => parseInt(n, 10));
  info(`kernel ${kernel}`);
  if (major < 4 || major === 4 && minor < 8) {
    warning(withFix(`kernel ${kernel} is older than 4.8: QEMU handlers cannot use the fix-binary flag, so emulated builds in containers fail with "exec format error"`, "a newer runner image"));
  }
  info(`binfmt_misc ${binfmtMounted() ? "mounted" : "not mounted (the QEMU stage mounts it when needed)"}`);
  info(`buildx: ${[buildx.file, ...buildx.prefix].join(" ")}`);
  const engine = await readEngine();
  const problem = engine && engineProblem(inputs.builder, inputs.platforms, engine);
  if (problem) throw new Error(problem);
  return engine;
}
function engineProblem(builder, platforms, engine) {
  if (builder !== "default" || engine.containerdStore || platforms.length < 2) return void 0;
  return withFix(`builder "default" cannot build ${platforms.length} platforms: the engine uses the classic image store (multiple platforms feature is currently not supported for docker driver)`, fixOf("classic-store"));
}
async function readEngine() {
  const socket = engineSocket();
  if (!socket) {
    info("engine: DOCKER_HOST is not a unix socket; not probed");
    return void 0;
  }
  try {
    const engine = await engineInfo(socket);
    info(`engine ${engine.version} (${engine.architecture}), ${engine.containerdStore ? "containerd" : "classic"} image store`);
    return engine;
  } catch (error) {
    info(withFix(
      `engine not reachable at ${socket}: ${errorMessage(error)}`,
      "start dockerd, or set DOCKER_HOST (remote builders do not need it)"
    ));
    return void 0;
  }
}

// src/qemu/qemu.ts
import { existsSync as existsSync5 } from "node:fs";
import { join as join7 } from "node:path";

// src/runtime/privileged.ts
function asRoot(file, args, opts = {}) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return root ? runCommand(file, args, opts) : runCommand("sudo", ["-n", file, ...args], opts);
}

// src/qemu/qemu.ts
var HOST_DEFINITIONS = "/usr/share/binfmts";
function platformsToEmulate(qemu, requested, native, namedBuilder, host = hostPlatforms()) {
  if (qemu.mode === "false") return [];
  if (qemu.platforms) return qemu.platforms;
  if (qemu.mode === "auto" && namedBuilder && namedBuilder !== "default") return [];
  const skip = new Set(qemu.mode === "auto" ? [...native, ...host] : host);
  return requested.filter((p) => !skip.has(p) && handlerFor(p) !== void 0);
}
function emulationFor(inputs) {
  return platformsToEmulate(inputs.qemu, inputs.platforms, nativePlatforms(inputs), inputs.builder);
}
var ready = (platform, dir) => {
  const h = handlerFor(platform);
  return h !== void 0 && readHandler(h.handler, dir)?.enabled === true;
};
async function ensureQemu(platforms, image, dir = BINFMT_DIR) {
  if (platforms.length === 0) return [];
  if (!binfmtMounted(dir)) await asRoot("mount", ["-t", "binfmt_misc", "binfmt_misc", dir], { timeoutMs: 1e4 });
  let missing = platforms.filter((p) => !ready(p, dir));
  if (missing.length === 0) {
    info(`QEMU handlers present for ${platforms.join(", ")}`);
    return [...platforms];
  }
  const arches = missing.map((p) => handlerFor(p)?.install).filter(Boolean).join(",");
  info(`installing QEMU handlers for ${missing.join(", ")} with ${image}`);
  const local = await cachedImage(image);
  const res = await runCommand("docker", [
    "run",
    "--rm",
    "--privileged",
    ...local ? ["--pull", "never", local] : [image],
    "--install",
    arches
  ], { timeoutMs: 18e4 });
  missing = missing.filter((p) => !ready(p, dir));
  if (missing.length > 0) {
    if (res.exitCode !== 0) warning(`${image} could not run (${finalError(res.stderrTail)}); trying the host's qemu-user-static`);
    for (const p of missing) await enableFromHost(p, dir);
    missing = missing.filter((p) => !ready(p, dir));
  }
  if (missing.length > 0) {
    throw new Error(withFix(`no QEMU handler for ${missing.join(", ")}: ${image} could not install it and the host has no qemu-user-static for it`, "apt-get install qemu-user-static binfmt-support, or give a reachable `qemu-image`"));
  }
  for (const p of platforms) {
    const h = readHandler(handlerFor(p)?.handler ?? "", dir);
    if (h && !h.flags.includes("F")) warning(`the QEMU handler for ${p} lacks the F flag: builds in containers may not find ${h.interpreter}`);
  }
  return [...platforms];
}
async function enableFromHost(platform, dir) {
  const h = handlerFor(platform);
  if (!h) return;
  if (readHandler(h.handler, dir)) {
    await asRoot("tee", [join7(dir, h.handler)], { input: "1" });
    return;
  }
  if (!existsSync5(join7(HOST_DEFINITIONS, h.handler))) return;
  try {
    const res = await asRoot("update-binfmts", ["--enable", h.handler], { timeoutMs: 3e4 });
    if (res.exitCode !== 0) warning(`update-binfmts --enable ${h.handler}: ${finalError(res.stderrTail)}`);
  } catch (error) {
    warning(`update-binfmts --enable ${h.handler}: ${errorMessage(error)}`);
  }
}

// src/emulation/qemu-crash.ts
var SIGNAL = /\bqemu: uncaught target signal (\d+) \(([^)]+)\)/;
var CPU_EXCEPTION = /\bqemu: (?:fatal: )?unhandled CPU exception/;
var LOADER = /\bqemu-[\w-]+: Could not open '([^']+)'/;
var INTERMITTENT_SIGNALS = /* @__PURE__ */ new Set([11, 7]);
function qemuCrashIn(text2) {
  const line = text2.trim();
  let m = SIGNAL.exec(line);
  if (m) {
    const signal = Number(m[1]);
    return { line, signal, what: m[2] ?? `signal ${signal}`, intermittent: INTERMITTENT_SIGNALS.has(signal) };
  }
  if (CPU_EXCEPTION.test(line)) return { line, what: "an unhandled CPU exception", intermittent: false };
  if (m = LOADER.exec(line)) {
    return { line, what: `its loader ${m[1]} could not be opened`, intermittent: false, loader: m[1] ?? "" };
  }
  return void 0;
}

// src/emulation/qemu-in-use.ts
import { realpathSync } from "node:fs";
async function qemuInUse(platform, qemuImage, dir = BINFMT_DIR) {
  const name = handlerFor(platform)?.handler;
  const handler = name ? readHandler(name, dir) : void 0;
  if (!name || !handler?.enabled) {
    return { platform, description: `no enabled QEMU handler for ${platform} on the runner (a remote node's own QEMU)` };
  }
  const { interpreter, flags } = handler;
  const known = { platform, interpreter, fixBinary: flags.includes("F") };
  let file;
  try {
    file = realpathSync(interpreter);
  } catch {
    return { ...known, description: `${interpreter} (handler ${name}, flags ${flags || "none"}), registered by a binfmt image such as qemu-image ${qemuImage}; its version cannot be read from the runner` };
  }
  const res = await runCommand(file, ["--version"], { timeoutMs: 5e3 }).catch(() => void 0);
  const version = res?.exitCode === 0 ? res.stdout.split("\n")[0]?.trim() : void 0;
  return { ...known, description: `${version || "QEMU of unknown version"} (${file}, handler ${name}, flags ${flags || "none"}, from the runner's qemu-user-static)` };
}
function qemuFix(platforms, qemu, crash) {
  const list = platforms.join(", ");
  const native = `build ${list} natively: \`mode: plan\` with \`runners\` (a leg on a runner of that architecture), or a native node in \`nodes\``;
  if (crash?.loader && qemu.some((q2) => q2.fixBinary === false)) {
    return `the QEMU handler lacks the fix-binary (F) flag, so QEMU looks for ${crash.loader} in the image: re-register it with F (\`qemu-image\` installs handlers with it), or ` + native;
  }
  const names = qemu.map((q2) => handlerFor(q2.platform)?.handler).filter(Boolean).join(" ");
  return `try a known-good QEMU: set \`qemu-image\` to a pinned release (the default is one); a handler already registered on the runner is used as it is, so remove it first (\`docker run --privileged --rm IMAGE --uninstall ${names || "qemu-*"}\`); or ${native}`;
}

// src/emulation/crash-watch.ts
var CRASH_GRACE_MS = 2e4;
var SIGNAL_EXITS = /* @__PURE__ */ new Set([132, 139]);
var CrashWatch = class {
  constructor(ctx, stop) {
    this.ctx = ctx;
    this.stop = stop;
  }
  ctx;
  stop;
  steps = /* @__PURE__ */ new Map();
  /** One silence clock per crashed step that has not ended. */
  clocks = /* @__PURE__ */ new Map();
  hung;
  line(text2) {
    const seen = readProgressLine(text2);
    if (!seen) return;
    if (seen.kind === "header") {
      const known = this.steps.get(seen.step);
      const platform = seen.platform ? { platform: seen.platform } : {};
      this.steps.set(seen.step, { ...known, name: `[${seen.stage}] ${seen.command}`, ...platform });
      return;
    }
    const step = this.steps.get(seen.step);
    if (!step || seen.kind === "vertex" || seen.kind === "cached") return;
    if (seen.kind === "output") {
      const crash = qemuCrashIn(seen.text);
      if (crash && !step.crash) step.crash = crash;
      if (step.crash && !step.ended) this.arm(seen.step);
      return;
    }
    step.ended = seen.kind;
    if (seen.kind === "error") {
      const code2 = /exit code: (\d+)/.exec(seen.message);
      if (code2) step.exitCode = Number(code2[1]);
    }
    this.disarm(seen.step);
  }
  /** (Re)starts the silence clock of a crashed step: any line of the step starts it again. */
  arm(step) {
    this.disarm(step);
    const clock = setTimeout(() => {
      this.hung ??= step;
      this.stop();
    }, this.ctx.graceMs ?? CRASH_GRACE_MS);
    clock.unref();
    this.clocks.set(step, clock);
  }
  disarm(step) {
    clearTimeout(this.clocks.get(step));
    this.clocks.delete(step);
  }
  end() {
    for (const step of [...this.clocks.keys()]) this.disarm(step);
  }
  async explain({ stopped }) {
    const hung = stopped ? this.steps.get(this.hung ?? "") : void 0;
    const failed = hung ?? [...this.steps.values()].find((s) => s.ended === "error" && this.crashedUnderQemu(s));
    if (!failed) return void 0;
    const platforms = this.platformsOf(failed);
    const qemu = await Promise.all(platforms.map((p) => this.ctx.qemuFor(p)));
    const where = platforms.length === 1 ? platforms[0] : `one of ${platforms.join(", ")}`;
    const what = failed.crash ? `${failed.crash.what} (${failed.crash.line})` : `exit code ${failed.exitCode} while the same step passed natively`;
    const silence = Math.round((this.ctx.graceMs ?? CRASH_GRACE_MS) / 1e3);
    const line = `${failed.name} crashed under QEMU emulation on ${where}: ${what}${hung ? `; no progress for ${silence}s after the crash, the step was stopped` : ""}; QEMU in use: ${qemu.map((q2) => q2.description).join("; ")}`;
    const intermittent = failed.crash ? failed.crash.intermittent : failed.exitCode === 139;
    return {
      line,
      verdict: {
        transient: intermittent,
        ...intermittent ? { maxAttempts: 2 } : {},
        reason: `a step crashed under QEMU emulation${intermittent ? ", which may pass once more" : ""}`,
        fix: qemuFix(platforms, qemu, failed.crash)
      }
    };
  }
  /** QEMU's own crash line, or a signal's exit code on an emulated platform where the native step passed. */
  crashedUnderQemu(step) {
    if (step.crash) return true;
    const emulated = step.platform !== void 0 && this.ctx.emulated.includes(step.platform);
    if (!emulated || !SIGNAL_EXITS.has(step.exitCode ?? 0)) return false;
    return [...this.steps.values()].some((s) => s !== step && s.name === step.name && s.ended === "done" && s.platform !== void 0 && !this.ctx.emulated.includes(s.platform));
  }
  /**
   * The platform a crashed step ran on: its header's, else the build's one platform, else the
   * emulated ones (QEMU ran it, so it was one of them).
   */
  platformsOf(step) {
    if (step.platform) return [step.platform];
    if (this.ctx.platforms.length === 1) return [...this.ctx.platforms];
    return this.ctx.emulated.length > 0 ? [...this.ctx.emulated] : [...this.ctx.platforms];
  }
};
function crashWatch(platforms, emulated, qemuImage) {
  const foreign = emulated.length > 0 ? emulated : platforms.filter((p) => !hostPlatforms().includes(p));
  const qemuFor = (p) => qemuInUse(p, qemuImage);
  return (stop) => new CrashWatch({ emulated: foreign, platforms, qemuFor }, stop);
}

// src/shared/left-behind.ts
var SHOWN_PER_STEP = 10;

// src/checks/annotations.ts
import { readFileSync as readFileSync6 } from "node:fs";
import { isAbsolute, join as join8, posix, relative, resolve } from "node:path";
function dockerfileSite(inputs, workspace, cwd = process.cwd()) {
  if (inputs.context.startsWith(DEFAULT_CONTEXT)) {
    const subdir = inputs.context.slice(DEFAULT_CONTEXT.length).replace(/^:/, "");
    return { path: posix.normalize(posix.join(subdir || ".", inputs.file ?? "Dockerfile")) };
  }
  if (!inputs.contextIsLocal) return void 0;
  const file = resolve(cwd, inputs.file ?? join8(inputs.context, "Dockerfile"));
  const path = relative(resolve(workspace), file);
  if (path.startsWith("..") || isAbsolute(path)) return void 0;
  try {
    return { path, content: readFileSync6(file).toString("base64") };
  } catch {
    return void 0;
  }
}
function annotationsFor(warnings, site) {
  return warnings.map((w) => {
    const a = { title: w.title, message: w.url ? `${w.message}
More info: ${w.url}` : w.message };
    const here = site && w.filename && site.path.endsWith(w.filename) && (site.content === void 0 || site.content === w.source);
    if (here) {
      a.file = site.path;
      if (w.line) a.startLine = w.line;
    }
    return a;
  });
}
function uniqueAnnotations(annotations) {
  const seen = /* @__PURE__ */ new Set();
  return annotations.filter((a) => {
    const key = JSON.stringify([a.file, a.startLine, a.title, a.message]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
function annotate(annotations) {
  for (const { message, ...where } of annotations) {
    const properties = { title: where.title };
    if (where.file) properties.file = where.file;
    if (where.startLine) properties.startLine = where.startLine;
    warning(message, properties);
  }
}

// src/checks/check-warnings.ts
var text = (b64) => typeof b64 === "string" ? Buffer.from(b64, "base64").toString("utf8") : "";
var str = (v) => typeof v === "string" && v !== "" ? v : void 0;
function checkWarnings(metadata) {
  let json;
  try {
    json = JSON.parse(metadata);
  } catch {
    return [];
  }
  const raw = json?.["buildx.build.warnings"];
  if (!Array.isArray(raw)) return [];
  const seen = /* @__PURE__ */ new Set();
  const warnings = [];
  for (const w of raw) {
    const short = text(w.short);
    if (!short) continue;
    const line = w.range?.[0]?.start?.line;
    const warning2 = {
      title: Array.isArray(w.detail) ? w.detail.map(text).join(" ") : "",
      message: short.replace(/\s\(line \d+\)$/, "")
    };
    const url = str(w.url);
    const filename = str(w.sourceInfo?.filename);
    const source = str(w.sourceInfo?.data);
    if (url) warning2.url = url;
    if (filename) warning2.filename = filename;
    if (source) warning2.source = source;
    if (typeof line === "number" && line > 0) warning2.line = line;
    const key = JSON.stringify([filename, line, short]);
    if (seen.has(key)) continue;
    seen.add(key);
    warnings.push(warning2);
  }
  return warnings.sort((a, b) => (a.filename ?? "").localeCompare(b.filename ?? "") || (a.line ?? 0) - (b.line ?? 0));
}

// src/checks/checks.ts
function checkAnnotations(metadata, inputs, env = process.env) {
  const warnings = checkWarnings(metadata);
  return warnings.length === 0 ? [] : annotationsFor(warnings, dockerfileSite(inputs, env.GITHUB_WORKSPACE || process.cwd()));
}
function reportChecks(annotations, settings, annotatedBy) {
  const unique = uniqueAnnotations(annotations);
  const count = unique.length;
  if (count === 0) return void 0;
  if (!settings.checksAnnotations) {
    info(`Dockerfile checks: ${count} warning(s), not annotated (DOCKER_BUILD_CHECKS_ANNOTATIONS=false)`);
    return { count, annotated: false };
  }
  if (annotatedBy) {
    info(`Dockerfile checks: ${count} warning(s), annotated once for the run by ${annotatedBy}:`);
    for (const a of unique) info(`  ${a.file ?? ""}${a.startLine ? `:${a.startLine}` : ""} ${a.message.split("\n")[0] ?? ""}`);
    return { count, annotated: false, annotatedBy };
  }
  info(`Dockerfile checks: ${count} warning(s)${count > SHOWN_PER_STEP ? ` (GitHub shows ${SHOWN_PER_STEP} annotations per step; all are below)` : ""}`);
  annotate(unique);
  return { count, annotated: true };
}

// src/build-record/build-record.ts
import { mkdirSync, statSync as statSync4 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join10 } from "node:path";

// src/build-record/record-export.ts
function recordFilename(refs, repository) {
  const [owner, repo] = (repository ?? "").split("/");
  const first = (refs[0] ?? "").split("/").at(-1) ?? "";
  return `${owner || "local"}~${repo || "build"}~${first.slice(0, 6).toUpperCase()}${refs.length > 1 ? `+${refs.length - 1}` : ""}.dockerbuild`;
}
function exportArgv(builder, refs, file, finalize) {
  return [
    "history",
    "export",
    "--builder",
    builder,
    "--output",
    file,
    ...finalize ? ["--finalize"] : [],
    ...refs.map((r) => r.split("/").at(-1) ?? r)
  ];
}

// src/build-record/record-refs.ts
import { readdirSync as readdirSync2, statSync as statSync2 } from "node:fs";
import { homedir as homedir2 } from "node:os";
import { join as join9 } from "node:path";
function buildxConfigDir(env) {
  return env.BUILDX_CONFIG || join9(env.DOCKER_CONFIG || join9(homedir2(), ".docker"), "buildx");
}
function refsSince(builder, since, env) {
  const dir = join9(buildxConfigDir(env), "refs", builder);
  const found = [];
  const list = (d) => {
    try {
      return readdirSync2(d);
    } catch {
      return [];
    }
  };
  for (const node of list(dir)) {
    for (const ref of list(join9(dir, node))) {
      const at = statSync2(join9(dir, node, ref)).mtimeMs;
      if (at >= since.getTime() - 1e3) found.push({ ref: `${builder}/${node}/${ref}`, at });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ref);
}

// src/build-record/record-upload.ts
import { statSync as statSync3 } from "node:fs";
import { basename, dirname } from "node:path";
function noArtifactService(env) {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) return "no artifact service here (not in a workflow run)";
  const host = new URL(env.GITHUB_SERVER_URL || "https://github.com").hostname.toLowerCase();
  if (host !== "github.com" && !host.endsWith(".ghe.com") && !host.endsWith(".localhost")) {
    return `no artifact service for it on GitHub Enterprise Server (${host})`;
  }
  return void 0;
}
function artifactUrl(env, id) {
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  return `${server}/${env.GITHUB_REPOSITORY ?? ""}/actions/runs/${env.GITHUB_RUN_ID ?? ""}/artifacts/${id}`;
}
async function uploadRecord(file, retentionDays, env) {
  const { DefaultArtifactClient } = await import("./lazy-artifact.js");
  const name = basename(file);
  const res = await new DefaultArtifactClient().uploadArtifact(
    name,
    [file],
    dirname(file),
    { skipArchive: true, ...retentionDays ? { retentionDays } : {} }
  );
  if (!res.id) throw new Error(`the artifact service gave no id for ${name} (${statSync3(file).size} bytes sent)`);
  return { id: res.id, url: artifactUrl(env, res.id) };
}

// src/build-record/build-record.ts
async function withBuildRecord(r, build2) {
  const since = /* @__PURE__ */ new Date();
  const keepIt = async () => {
    if (!r.signal.aborted) r.keep(await r.stage(() => keepBuildRecord({ ...r.request, since })));
  };
  const result = await build2().catch(async (error) => {
    if (error instanceof BuildError) await keepIt();
    throw error;
  });
  await keepIt();
  return result;
}
async function keepBuildRecord(req, env = process.env) {
  try {
    return await keep(req, env);
  } catch (error) {
    warning(`build record: none, ${errorMessage(error)}; the build's result stands`);
    return void 0;
  }
}
async function keep(req, env) {
  const why = await whyNoRecord(req);
  if (why) {
    info(`build record: none, ${why}`);
    return void 0;
  }
  const refs = refsSince(req.builder, req.since, env);
  if (refs.length === 0) {
    info(`build record: none, buildx recorded no build on ${req.builder} since ${req.since.toISOString()}`);
    return void 0;
  }
  const dir = join10(env.RUNNER_TEMP || tmpdir(), "multiarch-build-records");
  mkdirSync(dir, { recursive: true });
  const path = join10(dir, recordFilename(refs, env.GITHUB_REPOSITORY));
  const finalize = buildxAtLeast(await buildxVersion(req.buildx), 0, 24);
  const argv = exportArgv(req.builder, refs, path, finalize);
  const res = await runBuildx(req.buildx, argv, { timeoutMs: 12e4 });
  if (res.exitCode !== 0) {
    warning(`build record: buildx history export failed (${finalError(res.stderrTail)}); the build's result stands`);
    return void 0;
  }
  const record = { path, bytes: statSync4(path).size, builds: refs.length };
  info(`build record: ${path} (${record.bytes} bytes, ${refs.length} build(s)); Docker Desktop's Builds view opens it (Import build)`);
  if (!req.settings.recordUpload) return { ...record, notUploaded: "DOCKER_BUILD_RECORD_UPLOAD=false" };
  const noService = noArtifactService(env);
  if (noService) {
    info(`build record: not uploaded, ${noService}; it stays at ${path}`);
    return { ...record, notUploaded: noService };
  }
  try {
    const artifact = await uploadRecord(path, req.settings.recordRetentionDays, env);
    info(`build record: uploaded as artifact ${artifact.id}, ${artifact.url}`);
    return { ...record, artifact };
  } catch (error) {
    const reason = errorMessage(error);
    warning(`build record: the upload failed (${reason}); the record stays at ${path}, the build's result stands`);
    return { ...record, notUploaded: `the upload failed: ${reason}` };
  }
}
async function whyNoRecord(req) {
  if (!req.settings.record) return "DOCKER_BUILD_SUMMARY=false";
  if (req.call && req.call !== "build") return `\`call: ${req.call}\` builds nothing to record`;
  let version;
  try {
    version = await buildxVersion(req.buildx);
  } catch (error) {
    return `buildx's version cannot be read (${errorMessage(error)})`;
  }
  if (!buildxAtLeast(version, 0, 23)) return `this buildx (${version}) cannot export one: that needs buildx >= 0.23`;
  return void 0;
}

// src/cache/cache-plan.ts
import { createHash as createHash2 } from "node:crypto";
var platformsKey = (platforms) => [...new Set(platforms.map((p) => normalizePlatform(p)))].sort().join(",").replace(/\//g, "-");
function scopeName(platforms) {
  const key = platformsKey(platforms);
  if (key.length <= 100) return key.replace(/,/g, "_");
  return `${key.slice(0, 80).replace(/,/g, "_")}-${createHash2("sha256").update(key).digest("hex").slice(0, 12)}`;
}
var ghaScope = (repository, platforms) => `${repository ?? "build"}@${scopeName(platforms)}`;
function planCache(cache, platforms, s) {
  if (s.explicit) return { kind: "yours", from: [], to: [], why: "`cache-from`/`cache-to` given: those, nothing added" };
  if (cache.mode === "off") return { kind: "none", from: [], to: [], why: "`cache: off`" };
  const ghaWhyNot = !s.service ? "no Actions cache service here" : s.service === "v2" && !s.buildkitGhaV2 ? "a node's BuildKit is older than 0.20, which the cache service v2 needs" : void 0;
  const own = new Set(platforms.map((p) => normalizePlatform(p)));
  const siblings = cache.fanOutPlatforms.filter((p) => !own.has(normalizePlatform(p))).map((p) => [p]);
  if (cache.mode !== "registry" && !ghaWhyNot) {
    const scope = ghaScope(s.repository, platforms);
    return {
      kind: "gha",
      name: scope,
      why: "the Actions cache service of this runner",
      from: [scope, ...siblings.map((p) => ghaScope(s.repository, p))].map((s2) => `type=gha,scope=${s2}`),
      to: [`type=gha,scope=${scope},mode=max,ignore-error=true`]
    };
  }
  const noRegistry = !s.repository ? "no image repository named (tags or image)" : void 0;
  if (cache.mode !== "gha" && !noRegistry && s.repository) {
    const refFor = (p) => `${s.repository}:buildcache-${scopeName(p)}`;
    const ref = refFor(platforms);
    const writes = s.pushes && !s.fromFork;
    return {
      kind: "registry",
      name: ref,
      why: `${ghaWhyNot ?? "`cache: registry`"}: a registry cache next to the image, ${writes ? "read and written" : s.fromFork ? "read only (a pull request from a fork never writes it)" : "read only (the build does not push)"}`,
      from: [ref, ...siblings.map(refFor)].map((r) => `type=registry,ref=${r}`),
      to: writes ? [`type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`] : []
    };
  }
  return { kind: "none", from: [], to: [], why: [ghaWhyNot, noRegistry].filter(Boolean).join("; ") };
}

// src/cache/cache.ts
function repositoryFor(inputs) {
  const named = inputs.tags[0];
  if (named) return repositoryOf(parseReference(named));
  return inputs.release.repositories[0];
}
function chooseCache(inputs, ctx, env = process.env) {
  const service = cacheService(env);
  const repository = repositoryFor(inputs);
  const plan = planCache(inputs.cache, inputs.platforms, {
    buildkitGhaV2: ctx.buildkitGhaV2,
    pushes: ctx.pushes,
    fromFork: !!inputs.github.fromFork,
    explicit: inputs.cacheFrom.length > 0 || inputs.cacheTo.length > 0,
    ...service ? { service } : {},
    ...repository ? { repository } : {}
  });
  info(`cache${ctx.of ? ` of ${ctx.of}` : ""}: ${plan.kind === "none" ? "none" : plan.kind}${plan.name ? ` ${plan.name}` : ""} (${plan.why})`);
  return plan;
}
function withCache(inputs, plan) {
  if (plan.from.length === 0 && plan.to.length === 0) return inputs;
  return {
    ...inputs,
    cacheFrom: [...inputs.cacheFrom, ...plan.from],
    cacheTo: [...inputs.cacheTo, ...plan.to]
  };
}
var notYetWritten = (error) => /: not found$/.test(error ?? "");
function reportCache(plan, seen) {
  const name = plan.name ?? plan.kind;
  for (const i of seen.imports.filter((s) => s.error)) {
    if (notYetWritten(i.error)) info(`cache: ${name} does not exist yet: a cold build, which writes it`);
    else warning(`cache: reading ${name} failed (${i.error ?? ""}); the build ran without it, and its result stands`);
  }
  for (const e of seen.exports.filter((s) => s.error)) {
    warning(`cache: writing ${name} failed (${e.error ?? ""}); the image was built and published as usual`);
  }
  const failed = seen.imports.find((s) => s.error && !notYetWritten(s.error));
  const read2 = seen.imports.length === 0 ? "not read" : seen.imports.every((s) => notYetWritten(s.error)) ? "nothing to read yet (a cold build)" : failed && seen.imports.every((s) => s.error) ? `not read: ${failed.error ?? ""}` : `${seen.cached} of ${seen.steps} steps from the cache`;
  const wrote = seen.exports.length === 0 ? "not written" : seen.exports.some((s) => s.error) ? `not written: ${seen.exports.find((s) => s.error)?.error ?? ""}` : "written";
  const outcome = { kind: plan.kind, why: plan.why, read: read2, wrote };
  if (plan.name) outcome.name = plan.name;
  info(`cache: ${read2}; ${wrote}`);
  return outcome;
}

// src/cache/cache-watch.ts
var IMPORT = /^importing cache manifest from /;
var EXPORT = /^exporting (?:to GitHub Actions Cache|cache\b)/;
var CacheWatch = class {
  seen = { imports: [], exports: [], steps: 0, cached: 0 };
  watch = () => {
    const seen = { imports: [], exports: [], steps: 0, cached: 0 };
    this.seen = seen;
    const cacheSteps = /* @__PURE__ */ new Map();
    const buildSteps = /* @__PURE__ */ new Set();
    let otherError = false;
    return {
      line: (text2) => {
        const p = readProgressLine(text2);
        if (!p) return;
        if (p.kind === "header" && !p.stage.startsWith("internal") && !buildSteps.has(p.step)) {
          buildSteps.add(p.step);
          seen.steps++;
        } else if (p.kind === "cached" && buildSteps.has(p.step)) {
          seen.cached++;
        } else if (p.kind === "vertex" && !cacheSteps.has(p.step)) {
          const list = IMPORT.test(p.name) ? seen.imports : EXPORT.test(p.name) ? seen.exports : void 0;
          if (!list) return;
          const step = { name: p.name };
          cacheSteps.set(p.step, step);
          list.push(step);
        } else if (p.kind === "error") {
          const step = cacheSteps.get(p.step);
          if (step) step.error ??= p.message;
          else otherError = true;
        }
      },
      explain: async () => {
        const failed = seen.exports.find((e) => e.error);
        if (!failed || otherError) return void 0;
        return {
          verdict: {
            transient: false,
            reason: `exporting the build cache failed (${failed.error ?? ""})`,
            fix: "the image was built: add ignore-error=true to `cache-to` (or drop `cache-to` and let `cache: auto` choose a cache, which never fails a build)"
          },
          line: `${failed.name}: ${failed.error ?? ""}`
        };
      },
      end: () => {
      }
    };
  };
};

// src/registry/retry-after.ts
function requestThatMet(errorText, status) {
  return new RegExp(`request to (https?:\\/\\/\\S+?): ${status}\\b`).exec(errorText)?.[1];
}
var rateLimitedUrl = (errorText) => requestThatMet(errorText, 429);
function parseRetryAfter(value, now = Date.now()) {
  if (!value) return void 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1e3;
  const at = Date.parse(value);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
async function askRetryAfter(errorText, trustFor) {
  const url = rateLimitedUrl(errorText);
  if (!url) return void 0;
  try {
    const res = await httpGet(url, { method: "HEAD", timeoutMs: 5e3, ...trustFor(new URL(url).host) });
    const header = res.headers["retry-after"];
    return res.status === 429 ? parseRetryAfter(Array.isArray(header) ? header[0] : header) : void 0;
  } catch {
    return void 0;
  }
}

// src/registry/refused.ts
function unauthorizedRequest(errorText) {
  const url = requestThatMet(errorText, 401);
  const m = url ? /^https?:\/\/([^/]+)\/v2\/(.+?)\/(?:blobs|manifests)\//.exec(url) : void 0;
  return m ? { registry: m[1] ?? "", repository: m[2] ?? "" } : void 0;
}
async function askRefused(errorText, client) {
  const request2 = unauthorizedRequest(errorText);
  return request2 ? client.refused(request2.registry, request2.repository).catch(() => void 0) : void 0;
}

// src/registry/questions.ts
function registryQuestions(trust) {
  const client = registryClientFor(trust);
  return {
    retryAfter: (errorText) => askRetryAfter(errorText, trust.trustFor),
    refused: (errorText) => askRefused(errorText, client)
  };
}

// src/registry/pushed-image.ts
async function readPushed(names, client) {
  const [firstName, ...others] = names;
  if (firstName === void 0) throw new Error("no pushed name to read back from the registry");
  const firstRef = parseReference(firstName);
  const [first, ...rest] = await Promise.all([
    readServed(client, firstRef, firstName),
    ...others.map((n) => client.manifestDigest(parseReference(n)))
  ]);
  const differ = rest.findIndex((d) => d !== first.digest);
  if (differ >= 0) {
    throw new Error(`the registry serves ${first.digest} for ${firstName} but ${rest[differ]} for ${others[differ]}`);
  }
  const platforms = Object.keys(first.platforms);
  const sizes = firstRef.registry === DOCKER_HUB ? Promise.resolve({}) : Promise.all(platforms.map((p) => first.platforms[p] === first.digest ? Promise.resolve(first) : client.manifest({ ...firstRef, digest: first.platforms[p] ?? "" }))).then((manifests) => Object.fromEntries(platforms.map((p, i) => [p, compressedSize(manifests[i]?.json ?? {})]))).catch(() => ({}));
  return { digest: first.digest, digests: first.platforms, manifests: first.manifests, sizes };
}

// src/image-build/pushed-names.ts
function pushedNames(tags, outputs) {
  return [.../* @__PURE__ */ new Set([...tags, ...outputs.flatMap(outputNames)])];
}
function pushTargets(inputs) {
  return inputs.release.pushByDigest ? inputs.release.repositories : pushedNames(inputs.tags, inputs.outputs);
}
function namesToReadBack(inputs, digest2) {
  const targets = pushTargets(inputs);
  return inputs.release.pushByDigest ? targets.map((repo) => `${repo}@${digest2}`) : targets;
}
function buildDescription(inputs) {
  const names = pushesToRegistry(inputs) ? pushTargets(inputs) : [];
  const registries = [...new Set(names.map((n) => parseReference(n).registry))];
  return registries.length === 0 ? "buildx build" : `buildx build, pushing to ${registries.join(", ")},`;
}

// src/report/diagnostics.ts
import { readdirSync as readdirSync3 } from "node:fs";
async function logDiagnostics(buildx, builder, buildTail, known) {
  startGroup("Diagnostics");
  const socket = engineSocket();
  const describe = (nodes) => nodes.map(describeNode).join("\n");
  try {
    const [version, nodes, engine] = await Promise.all([
      buildxVersion(buildx).catch(errorMessage),
      known ? Promise.resolve(describe(known)) : builder ? runBuildx(buildx, ["inspect", builder], { timeoutMs: 5e3 }).then((r) => describe(parseInspect(r.stdout).nodes) || finalError(r.stderrTail), errorMessage) : Promise.resolve("(buildx's current builder)"),
      socket ? engineInfo(socket).then((e) => `engine ${e.version}`, errorMessage) : Promise.resolve("engine: not a unix socket")
    ]);
    info(`buildx: ${version}`);
    info(engine);
    info(`builder ${builder ?? ""}:
${nodes}`);
    info(`binfmt handlers: ${binfmtSummary()}`);
    if (buildTail.length > 0) info(`last lines of the build:
${buildTail.slice(-20).join("\n")}`);
  } finally {
    endGroup();
  }
}
function binfmtSummary() {
  try {
    const names = readdirSync3(BINFMT_DIR).filter((n) => n.startsWith("qemu-"));
    if (names.length === 0) return "none";
    return names.map((n) => {
      const h = readHandler(n);
      return `${n} (${h?.enabled ? "enabled" : "disabled"}, flags ${h?.flags || "-"})`;
    }).join(", ");
  } catch {
    return `${BINFMT_DIR} not readable`;
  }
}

// src/shared/legs.ts
function matrixOf(legs) {
  return JSON.stringify({
    include: legs.map(({ platform, runner, emulated, slug: s, target }) => ({ platform, runner, emulated, slug: s, ...target ? { target } : {} }))
  });
}

// src/report/outputs.ts
function bakeOutputValues(r) {
  const all = Object.values(r.targets);
  const one = all.length === 1 ? all[0] : void 0;
  const signed = all.flatMap((t) => t.signed ? [t.signed] : []);
  return {
    digest: one?.digest ?? "",
    digests: JSON.stringify(one?.digests ?? {}),
    imageid: one?.digest ?? "",
    metadata: "{}",
    platforms: r.platforms.join(","),
    builder: r.builder,
    nodes: r.nodes,
    "qemu-platforms": r.emulated.join(","),
    attempts: String(r.attempts.length),
    "build-record": r.left.record?.path ?? "",
    signatures: JSON.stringify(Object.fromEntries(signed.flatMap((s) => Object.entries(s.signatures)))),
    signed: String(all.length > 0 && signed.length === all.length),
    "verify-commands": signed.flatMap((s) => s.verifyCommands).join("\n"),
    matrix: "",
    targets: JSON.stringify(Object.fromEntries(Object.entries(r.targets).map(([name, t]) => [name, { digest: t.digest, digests: t.digests, tags: t.tags }])))
  };
}
function outputValues(r) {
  if (r.mode === "bake") return bakeOutputValues(r);
  const build2 = r.mode === "build" ? r : void 0;
  return {
    digest: r.digest,
    digests: JSON.stringify(r.digests),
    imageid: build2 ? build2.imageid : r.digest,
    metadata: build2 ? build2.metadata : "{}",
    platforms: r.platforms.join(","),
    builder: build2?.builder ?? "",
    nodes: build2?.nodes ?? "[]",
    "qemu-platforms": (build2?.emulated ?? []).join(","),
    attempts: String(build2?.attempts.length ?? 0),
    "build-record": build2?.left.record?.path ?? "",
    signatures: JSON.stringify(r.signed?.signatures ?? {}),
    signed: String(r.signed !== void 0),
    "verify-commands": (r.signed?.verifyCommands ?? []).join("\n"),
    matrix: r.mode === "plan" ? matrixOf(r.legs) : "",
    targets: "{}"
  };
}
function setOutputs(r) {
  for (const [name, value] of Object.entries(outputValues(r))) setOutput(name, value);
}
async function writeSummary(r) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  if (r.mode === "bake") {
    await writeBakeSummary(r);
    return;
  }
  if (r.mode === "plan") {
    await summary.addHeading("multiarch-build: the fan-out", 3).addTable([
      ["platform", "runner", "built", "why"].map((data) => ({ data, header: true })),
      ...r.legs.map((l) => [
        l.platform,
        code([l.runner].flat().join(", ")),
        l.emulated ? "emulated (QEMU)" : "native",
        l.why === "default" ? "no runner of its own: the default runner" : `runners: ${l.why}`
      ])
    ]).write();
    return;
  }
  const tags = r.tags.join("<br>") || "(none)";
  const b = r.mode === "build" ? r : void 0;
  const sizes = b ? await b.sizes : {};
  const rows = r.platforms.map((p) => [
    p,
    code(r.digests[p] ?? ""),
    formatSize(sizes[p]),
    b?.nodeFor[p] ?? "-",
    b ? b.emulated.includes(p) ? "emulated (QEMU)" : "native" : "merged",
    String(b?.attempts.length || "-"),
    tags
  ]);
  await summary.addHeading("multiarch-build", 3).addTable([
    ["platform", "digest", "compressed size", "node", "built", "attempts", "tags"].map((data) => ({ data, header: true })),
    ...rows
  ]).addRaw(!b || b.pushed ? `index digest: ${code(r.digest)}` : "not pushed: digests are not in a registry", true);
  if (r.signed) addSignatures(r.signed);
  if (b) addAttempts(b.attempts);
  if (b) addEmulationTax(b);
  addLeftBehind(r.left);
  await summary.write();
}
async function writeBakeSummary(r) {
  summary.addHeading("multiarch-build: bake", 3);
  for (const [name, t] of Object.entries(r.targets)) {
    summary.addHeading(`target ${escapeHtml(name)}`, 4).addTable([
      ["platform", "digest", "node", "built"].map((data) => ({ data, header: true })),
      ...t.platforms.map((p) => [
        p,
        code(t.digests[p] ?? ""),
        r.nodeFor[p] ?? "-",
        r.emulated.includes(p) ? "emulated (QEMU)" : "native"
      ])
    ]).addRaw(`${r.pushed && t.digest ? `index digest: ${code(t.digest)}; ` : "not pushed; "}tags: ${t.tags.map((tag2) => code(escapeHtml(tag2))).join(", ") || "(none)"}`, true);
    if (t.signed) addSignatures(t.signed);
  }
  addAttempts(r.attempts);
  addLeftBehind(r.left);
  await summary.write();
}
function addLeftBehind({ cache, checks, record }) {
  if (cache) {
    summary.addRaw(cache.kind === "none" ? `build cache: none (${escapeHtml(cache.why)})` : `build cache: ${cache.kind}${cache.name ? ` ${code(escapeHtml(cache.name))}` : ""}: ${escapeHtml(cache.read)}; ${escapeHtml(cache.wrote)}`, true);
  }
  if (checks) {
    const how = checks.annotated ? "annotated on the Dockerfile" : checks.annotatedBy ? `annotated once for the run by ${checks.annotatedBy}` : "not annotated (DOCKER_BUILD_CHECKS_ANNOTATIONS=false)";
    const capped = checks.annotated && checks.count > SHOWN_PER_STEP ? `; GitHub shows ${SHOWN_PER_STEP} annotations per step, the log has all` : "";
    summary.addRaw(`Dockerfile checks: ${checks.count} warning(s), ${how}${capped}`, true);
  }
  if (!record) return;
  const name = escapeHtml(record.path.split("/").at(-1) ?? record.path);
  const where = record.artifact ? `<a href="${escapeHtml(record.artifact.url).replace(/"/g, "&quot;")}">${name}</a>` : `${code(escapeHtml(record.path))} on the runner (not uploaded: ${escapeHtml(record.notUploaded ?? "")})`;
  summary.addRaw(`build record: ${where}, ${formatSize(record.bytes)}, ${record.builds} build(s); open it in Docker Desktop's Builds view (Import build)`, true);
}
var taxOf = (b) => emulationTax(b.attempts.at(-1)?.steps ?? [], b.emulated);
function addEmulationTax(b) {
  const tax = taxOf(b);
  if (Object.keys(tax.slowest).length === 0) return;
  const kind = (p) => b.emulated.includes(p) ? "emulated" : "native";
  const rows = Object.entries(tax.slowest).flatMap(([p, slow]) => slow.map((s) => {
    const pair = tax.pairs.find((x) => x.emulated === s || x.native === s);
    return [p, code(escapeHtml(s.name)), s.seconds.toFixed(1), kind(p), pair ? `${pair.ratio.toFixed(1)}x` : "-"];
  }));
  summary.addHeading("slowest steps", 4).addTable([
    ["platform", "step", "seconds", "ran", "emulated/native"].map((data) => ({ data, header: true })),
    ...rows
  ]);
  for (const pair of tax.pairs.slice(0, 3)) {
    summary.addRaw(`${escapeHtml(pair.name)}: ${pair.emulated.platform} ${pair.emulated.seconds.toFixed(1)} s emulated, ${pair.native.platform} ${pair.native.seconds.toFixed(1)} s native, ${pair.ratio.toFixed(1)}x`, true);
  }
}
function addSignatures(signed) {
  summary.addHeading("signatures", 4).addTable([
    ["signed", "signature"].map((data) => ({ data, header: true })),
    ...Object.entries(signed.signatures).map(([ref, sig]) => [code(ref), code(escapeHtml(sig))])
  ]).addCodeBlock(signed.verifyCommands.join("\n"), "sh");
}
function noticeEmulationTax(r) {
  if (r.mode !== "build") return;
  const tax = taxOf(r);
  if (emulationDominates(tax)) notice(emulationNotice(tax, r.emulated), { title: "the emulation tax" });
}
function addAttempts(attempts) {
  if (attempts.length === 0) return summary;
  return summary.addHeading("build attempts", 4).addTable([
    ["attempt", "seconds", "result"].map((data) => ({ data, header: true })),
    ...attempts.map((a, i) => [String(i + 1), a.seconds.toFixed(1), a.error ? escapeHtml(a.error) : "passed"])
  ]);
}
async function reportFailedAttempts(attempts, left = {}) {
  setOutput("attempts", String(attempts.length));
  if (left.record) setOutput("build-record", left.record.path);
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  summary.addHeading("multiarch-build failed", 3);
  addAttempts(attempts);
  addLeftBehind(left);
  await summary.write();
}
function escapeHtml(text2) {
  return text2.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function formatSize(bytes) {
  if (bytes === void 0) return "-";
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function code(text2) {
  return text2 ? `<code>${text2}</code>` : "-";
}

// src/report/stage.ts
async function stage(title, work) {
  startGroup(title);
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    info(`${title}: ${((performance.now() - t0) / 1e3).toFixed(2)} s`);
    endGroup();
  }
}

// src/runtime/cancel.ts
function onCancel() {
  const controller = new AbortController();
  const handle = (name) => {
    if (controller.signal.aborted) {
      info(`${name} again: ending the step now`);
      void exitWhenFlushed(1, 2e3);
      return;
    }
    info(`${name}: the job is cancelled; stopping buildx`);
    controller.abort(new Error(`the job was cancelled (${name})`));
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", handle);
      process.off("SIGTERM", handle);
    }
  };
}

// src/fan-out/plan.ts
function runnerArch(runner) {
  const labels = (Array.isArray(runner) ? runner : [runner]).map((l) => l.toLowerCase());
  for (const l of labels) {
    if (/^(ubuntu|windows)-[\w.]+-arm$/.test(l) || l === "arm64") return "arm64";
    if (/^(ubuntu-[\d.]+|ubuntu-latest|windows-[\w.]+)$/.test(l) || l === "x64" || l === "amd64") return "amd64";
    if (["arm", "riscv64", "ppc64le", "s390x"].includes(l)) return l;
  }
  return void 0;
}
function ruleFor(platform, rules) {
  const matching = rules.filter((r) => r.pattern === platform || platform.startsWith(`${r.pattern}/`));
  return matching.sort((a, b) => b.pattern.length - a.pattern.length)[0] ?? rules.find((r) => r.pattern === "default");
}
function planLegs(platforms, rules, groupByRunner) {
  const legs = platforms.map((platform) => {
    const rule = ruleFor(platform, rules);
    if (!rule) throw new Error(`no runner for ${platform}: give one in \`runners\`, or a default`);
    const arch = runnerArch(rule.runner);
    const explicit = rule.pattern !== "default";
    const own = parsePlatform(platform).architecture;
    const emulated = arch === void 0 ? !explicit : !(arch === own || arch === "amd64" && own === "386");
    return { platform, runner: rule.runner, emulated, slug: slug(platform), why: rule.pattern };
  });
  if (!groupByRunner) return legs;
  const byRunner = /* @__PURE__ */ new Map();
  for (const leg of legs) {
    const key = JSON.stringify(leg.runner);
    byRunner.set(key, [...byRunner.get(key) ?? [], leg]);
  }
  return [...byRunner.values()].map((group) => ({
    platform: group.map((l) => l.platform).join(","),
    runner: group[0]?.runner ?? "",
    emulated: group.some((l) => l.emulated),
    slug: slug([group[0]?.runner ?? ""].flat().join("-")),
    why: [...new Set(group.map((l) => l.why))].join(", ")
  }));
}

// src/signing/sign.ts
import { chmodSync, mkdirSync as mkdirSync2, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join12 } from "node:path";

// src/cosign/argv.ts
var httpFlags = (o) => o.plainHttp ? ["--allow-http-registry"] : [];
function signArgv(ref, o, recursive = true) {
  const key = o.signer.kind === "key" ? ["--key", o.signer.key] : [];
  const config = o.sigstore?.signingConfig;
  const tlog = o.tlog || config ? [] : [...o.signingConfig ? ["--use-signing-config=false"] : [], "--tlog-upload=false"];
  const token = o.signer.kind === "keyless" && o.signer.tokenFile ? ["--identity-token", o.signer.tokenFile] : [];
  return [
    "sign",
    "--yes",
    ...recursive ? ["--recursive"] : [],
    ...key,
    ...tlog,
    ...config ? ["--signing-config", config] : [],
    ...trustFlags(o),
    ...token,
    ...httpFlags(o),
    ref
  ];
}
var trustFlags = (o) => o.sigstore?.trustedRoot ? ["--trusted-root", o.sigstore.trustedRoot] : [];
function verifyArgv(ref, o) {
  const who = o.signer.kind === "key" ? ["--key", o.signer.publicKey] : ["--certificate-identity", o.signer.identity, "--certificate-oidc-issuer", o.signer.issuer];
  const sct = o.signer.kind === "keyless" && o.sigstore?.noCtLog ? ["--insecure-ignore-sct"] : [];
  return ["verify", ...who, ...o.tlog ? [] : ["--insecure-ignore-tlog"], ...trustFlags(o), ...sct, ...httpFlags(o), ref];
}
function verifyCommand(ref, o, publicKeyName) {
  const signer = o.signer.kind === "key" ? { ...o.signer, publicKey: publicKeyName } : o.signer;
  const shown = o.sigstore?.trustedRootShown;
  const sigstore = o.sigstore && shown ? { ...o.sigstore, trustedRoot: shown } : o.sigstore;
  return ["cosign", ...verifyArgv(ref, { ...o, signer, ...sigstore ? { sigstore } : {} })].map((a) => /^[\w@:./=+-]+$/.test(a) ? a : `'${a}'`).join(" ");
}

// src/cosign/command.ts
import { accessSync, constants } from "node:fs";
import { delimiter, join as join11 } from "node:path";

// src/cosign/release.ts
var releaseArch2 = (arch) => hostPlatforms(arch)[0]?.split("/")[1] ?? arch;
function cosignReleaseUrls(template, version, arch = process.arch) {
  return releaseUrlsFrom(template, version, releaseArch2(arch), "cosign_checksums.txt");
}

// src/cosign/command.ts
function onPath(env = process.env) {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      accessSync(join11(dir, "cosign"), constants.X_OK);
      return join11(dir, "cosign");
    } catch {
    }
  }
  return void 0;
}
async function locateCosign(pin) {
  let file = onPath();
  if (pin) {
    const { installRelease } = await import("./lazy-release-install.js");
    const urls = cosignReleaseUrls(pin.urlTemplate, pin.version);
    file = await installRelease({ tool: "cosign", version: pin.version, ...urls });
  }
  if (!file) {
    throw new Error(withFix(
      "signing needs cosign, and there is none on PATH",
      "pin a release with `cosign-version` (e.g. v2.5.0), or install it first (sigstore/cosign-installer)"
    ));
  }
  const help = await runCommand(file, ["sign", "--help"], { timeoutMs: 15e3 });
  const signingConfig = /--use-signing-config/.test(help.stdout + help.stderrTail.join("\n"));
  info(`cosign: ${file}${signingConfig ? " (3.x: signing config)" : ""}`);
  return { file, signingConfig };
}
function runCosign(cosign, args, opts = {}) {
  return runCommand(cosign.file, args, { timeoutMs: 3e5, ...opts });
}
function cosignError(res) {
  const lines = res.stderrTail.map((l) => l.trim()).filter((l) => l !== "");
  return (lines.filter((l) => l.startsWith("Error:")).at(-1) ?? lines.at(-1) ?? "no output").replace(/^Error:\s*/, "");
}

// src/cosign/signed.ts
function signatureRef(repo, digest2, signingConfig) {
  return signingConfig ? `${repo}@${digest2} (OCI referrer)` : `${repo}:${digest2.replace(":", "-")}.sig`;
}

// node_modules/jose/dist/webapi/lib/buffer_utils.js
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
var UINT32_RANGE = 2 ** 32;
function decodeBase64(encoded, url = false) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// node_modules/jose/dist/webapi/util/errors.js
var JOSEError = class extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message, options) {
    super(message, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
};
var JWTInvalid = class extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
};

// node_modules/jose/dist/webapi/util/base64url.js
var invalid = "The input to be decoded is not correctly encoded.";
function decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), true);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}

// node_modules/jose/dist/webapi/lib/validate.js
function isObject2(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return false;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

// node_modules/jose/dist/webapi/util/decode_jwt.js
function decodeJwt(jwt) {
  if (typeof jwt != "string")
    throw new JWTInvalid("JWTs must use Compact JWS serialization, JWT must be a string");
  const { 1: encodedPayload, length } = jwt.split(".");
  if (length === 5)
    throw new JWTInvalid("Only JWTs using Compact JWS serialization can be decoded");
  if (length !== 3)
    throw new JWTInvalid("Invalid JWT");
  if (!encodedPayload)
    throw new JWTInvalid("JWTs must contain a payload");
  let claimsSetBytes;
  try {
    claimsSetBytes = decode(encodedPayload);
  } catch (cause) {
    throw new JWTInvalid("Failed to base64url decode the payload", { cause });
  }
  let claimsSet;
  try {
    claimsSet = JSON.parse(strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("Failed to parse the decoded payload as JSON", { cause });
  }
  if (!isObject2(claimsSet))
    throw new JWTInvalid("Invalid JWT Claims Set");
  return claimsSet;
}

// src/sigstore/id-token.ts
var SIGSTORE_AUDIENCE = "sigstore";
var ATTEMPTS = 3;
var PERMISSION_FIX = "give the job `permissions: id-token: write` (a pull request from a fork gets no token: sign on push), or sign with `sign-key`";
function canMintToken(env) {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}
function tokenUrl(env) {
  const base = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? "";
  return `${base}${base.includes("?") ? "&" : "?"}audience=${SIGSTORE_AUDIENCE}`;
}
var transient = (status) => status >= 500 || status === 429;
async function askOnce(env) {
  const res = await fetch(tokenUrl(env), {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ""}`, accept: "application/json" },
    signal: AbortSignal.timeout(3e4)
  });
  return { status: res.status, body: await res.text() };
}
var endpoint = (env) => (env.ACTIONS_ID_TOKEN_REQUEST_URL ?? "").replace(/\?.*$/, "");
var NoToken = class extends Error {
  constructor(why, transient2) {
    super(why);
    this.why = why;
    this.transient = transient2;
  }
  why;
  transient;
};
async function requestIdToken(env = process.env, pauseMs = 1e3) {
  if (!canMintToken(env)) {
    throw new Error(withFix("keyless signing needs the job's OIDC token, and this job may not mint one (no ACTIONS_ID_TOKEN_REQUEST_URL)", PERMISSION_FIX));
  }
  const ask = async () => {
    const answer = await askOnce(env).catch((error) => {
      const cause = error.cause;
      throw new NoToken(cause?.code ?? cause?.message ?? error.message, true);
    });
    if (answer.status === 200) return answer.body;
    const body2 = answer.body.trim();
    throw new NoToken(
      `HTTP ${answer.status}${body2 ? `: ${body2.slice(0, 200).replace(/\s+/g, " ")}` : ""}`,
      transient(answer.status)
    );
  };
  const body = await withRetries(
    { attempts: ATTEMPTS, firstDelayMs: pauseMs },
    ask,
    (error) => error instanceof NoToken && error.transient
  ).catch((error) => {
    if (!(error instanceof NoToken)) throw error;
    throw new Error(withFix(`the job's OIDC token for Sigstore could not be had from ${endpoint(env)} (${error.why}, after ${ATTEMPTS} tries at most)`, PERMISSION_FIX));
  });
  return parseAnswer(body, env);
}
function parseAnswer(body, env) {
  let value;
  try {
    value = JSON.parse(body).value;
  } catch {
  }
  if (typeof value !== "string" || value === "") {
    throw new Error(`the runner's token endpoint ${endpoint(env)} answered without a token (no "value" in its JSON)`);
  }
  setSecret(value);
  let claims;
  try {
    claims = decodeJwt(value);
  } catch {
    throw new Error(`the runner's token endpoint ${endpoint(env)} answered with a value that is not a JWT`);
  }
  const issuer = typeof claims.iss === "string" ? claims.iss : "";
  if (!issuer) throw new Error("the job's OIDC token names no issuer (no `iss` claim)");
  const ref = claims.job_workflow_ref;
  return { value, issuer, ...typeof ref === "string" && ref ? { jobWorkflowRef: ref } : {} };
}

// src/sigstore/service-failure.ts
var NETWORK2 = /connect: (connection refused|connection reset by peer|no route to host|network is unreachable)|(i\/o timeout|context deadline exceeded|EOF|read on closed response body|connection reset by peer|TLS handshake timeout)/;
function serviceOf(line) {
  if (/Fulcio returned|\/api\/v[12]\/signingCert|fulcio/i.test(line)) return "Fulcio";
  if (/rekor|\/api\/v[12]\/log\/entries|tlog|log inclusion|checkpoint/i.test(line)) return "Rekor";
  if (/\/api\/v1\/timestamp|timestamp/i.test(line)) return "the timestamp authority";
  return void 0;
}
function bodyMessage(body) {
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
  }
  return body.trim();
}
function configuredUrl(service, config) {
  if (!config) return void 0;
  const list = service === "Fulcio" ? config.caUrls : service === "Rekor" ? config.rekorTlogUrls : config.tsaUrls;
  return list[0]?.url;
}
function serviceFailure(line, config) {
  const service = serviceOf(line);
  const posted = /(?:Post|Get) "([^"]+)"/.exec(line)?.[1];
  const url = posted ? posted.replace(/\/api\/v\d\/.*$/, "") : service ? configuredUrl(service, config) : void 0;
  const returned = /(?:returned|unexpected response:) (\d{3}):? ?(.*)$/.exec(line);
  if (returned) {
    const status = Number(returned[1]);
    const message = bodyMessage(returned[2] ?? "");
    return {
      service,
      url,
      status,
      reason: `HTTP ${status}${message ? `: ${message}` : ""}`,
      transient: status >= 500 || status === 429
    };
  }
  const network = NETWORK2.exec(line);
  if (network) {
    const what = network[1] ?? network[2] ?? "";
    const vague = what === "read on closed response body";
    return {
      service,
      url,
      reason: vague ? "its answer was an error, then cut off" : what,
      transient: true,
      network: true,
      ...vague ? { vague } : {}
    };
  }
  return { service, url, reason: line.replace(/^.*?error signing bundle: /, ""), transient: false };
}

// src/sigstore/service-probe.ts
var PROBES = [
  ["Fulcio", "/api/v2/configuration"],
  ["Rekor", "/healthz"],
  ["the timestamp authority", "/certchain"]
];
var CODES = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by peer",
  ENOTFOUND: "no such host",
  ETIMEDOUT: "timed out",
  UND_ERR_CONNECT_TIMEOUT: "timed out"
};
function networkReason(error) {
  const cause = error.cause;
  const code2 = cause?.code ?? cause?.errors?.[0]?.code;
  if (error.name === "TimeoutError") return "timed out";
  return (code2 && CODES[code2]) ?? code2 ?? error.message;
}
async function probeServices(config) {
  for (const [service, path] of PROBES) {
    const url = configuredUrl(service, config);
    if (!url) continue;
    try {
      const res = await fetch(`${url.replace(/\/$/, "")}${path}`, { signal: AbortSignal.timeout(5e3) });
      await res.arrayBuffer();
      if (res.status >= 500) return { service, url, status: res.status, reason: `HTTP ${res.status}`, transient: true };
    } catch (error) {
      return { service, url, reason: networkReason(error), transient: true, network: true };
    }
  }
  return void 0;
}

// src/signing/sign.ts
var KEY_FIX = "check the key and its password (the COSIGN_PASSWORD environment variable of the step)";
var SIGN_ATTEMPTS = 3;
var SIGN_PAUSE_MS = 1e3;
var signers = /* @__PURE__ */ new WeakMap();
function privateFile(ctx, name, content) {
  const dir = join12(ctx.workDir, "cosign");
  mkdirSync2(dir, { recursive: true, mode: 448 });
  const file = join12(dir, name);
  writeFileSync3(file, content, { mode: 384 });
  chmodSync(file, 384);
  return file;
}
function signerOf(ctx) {
  let signer = signers.get(ctx);
  if (!signer) {
    signer = (async () => {
      const { plan, cosign } = ctx;
      if (plan.signer.kind === "keyless") {
        const token = await requestIdToken();
        return { ...plan.signer, tokenFile: privateFile(ctx, "identity-token", token.value) };
      }
      if (!plan.pemKey) return plan.signer;
      const key = privateFile(ctx, "cosign.key", plan.pemKey);
      const publicKey = join12(ctx.workDir, "cosign", "cosign.pub");
      const res = await runCosign(
        cosign,
        ["public-key", "--key", key, "--outfile", publicKey],
        { env: envOf(ctx) }
      );
      if (res.exitCode !== 0) {
        throw new Error(withFix(`cosign cannot read sign-key: ${cosignError(res)}`, KEY_FIX));
      }
      return { kind: "key", key, publicKey };
    })();
    signers.set(ctx, signer);
  }
  return signer;
}
function trustedRootFile(ctx, root) {
  if (!root) return {};
  if ("file" in root) return { trustedRoot: root.file };
  return { trustedRoot: privateFile(ctx, "trusted_root.json", root.content), trustedRootShown: "trusted_root.json" };
}
var sigstores = /* @__PURE__ */ new WeakMap();
function sigstoreOf(ctx) {
  if (!sigstores.has(ctx)) {
    const instance = ctx.plan.sigstore;
    const config = instance?.signingConfig;
    sigstores.set(ctx, instance && {
      ...config ? { signingConfig: privateFile(
        ctx,
        "signing_config.json",
        JSON.stringify(signingConfigFor(config, ctx.plan.tlog))
      ) } : {},
      ...trustedRootFile(ctx, instance.trustedRoot),
      noCtLog: instance.noCtLog
    });
  }
  return sigstores.get(ctx);
}
async function optionsFor(ctx, registry, forSigning) {
  const plainHttp = isLoopback(registry) || ctx.insecure.includes(registry);
  const signer = forSigning || ctx.plan.signer.kind === "key" ? await signerOf(ctx) : ctx.plan.signer;
  const sigstore = sigstoreOf(ctx);
  return {
    signer,
    tlog: ctx.plan.tlog,
    signingConfig: ctx.cosign.signingConfig,
    plainHttp,
    ...sigstore ? { sigstore } : {}
  };
}
async function failedService(ctx, res) {
  const config = ctx.plan.sigstore?.signingConfig;
  const failure = serviceFailure(cosignError(res), config);
  if (!config || failure.service && !failure.vague) return failure;
  return await probeServices(config) ?? failure;
}
var PUBLIC_URL = { Fulcio: "https://fulcio.sigstore.dev", Rekor: "https://rekor.sigstore.dev" };
function signFailure(ref, f, attempts, signer) {
  const keyless = signer.kind === "keyless";
  const at = f.service ? ` at ${f.url ?? PUBLIC_URL[f.service] ?? "its URL"}` : "";
  const tries = attempts > 1 ? `, after ${attempts} attempts` : "";
  const refused = f.service === "Fulcio" && f.status !== void 0 && f.status < 500;
  const what = refused ? `Fulcio${at} refused the job's OIDC token (${f.reason})` : f.service ? `${f.service}${at} ${f.status ? "failed" : f.network ? "could not be reached" : "answered, but it does not hold against sigstore-trusted-root"} (${f.reason}${tries})` : `cosign: ${f.reason}${tries}`;
  const fix = refused ? `the Sigstore instance must accept tokens of ${keyless ? signer.issuer : "this issuer"} as GitHub workflow tokens for audience sigstore (its OIDCIssuers)` : f.service === "Rekor" ? "check the transparency log the signing config names (rekorTlogUrls), or sign without it (`sign-tlog: false`, a private repository's default)" : f.service ? `check that ${f.service} is up and reachable from the runner (the signing config's URL)` : keyless ? "the job needs `permissions: id-token: write`" : KEY_FIX;
  return withFix(`signing ${ref}${keyless ? " keyless" : ""} failed: ${what}; no signature was stored for it`, fix);
}
var SignFailed = class extends Error {
  constructor(failure, attempt) {
    super(failure.reason);
    this.failure = failure;
    this.attempt = attempt;
  }
  failure;
  attempt;
};
async function signRetried(ctx, ref, opts, recursive) {
  const argv = signArgv(ref, opts, recursive);
  const sign = async (attempt) => {
    const res = await runCosign(ctx.cosign, argv, { env: envOf(ctx), stream: true });
    if (res.exitCode !== 0) throw new SignFailed(await failedService(ctx, res), attempt);
  };
  const mayPass = (error) => error instanceof SignFailed && !!error.failure.service && error.failure.transient;
  await withRetries({ attempts: SIGN_ATTEMPTS, firstDelayMs: SIGN_PAUSE_MS }, sign, mayPass).catch((error) => {
    if (!(error instanceof SignFailed)) throw error;
    throw new Error(signFailure(ref, error.failure, error.attempt, opts.signer));
  });
}
var envOf = (ctx) => ({ ...process.env, ...ctx.env });
async function signImage(ctx, repo, digests, children) {
  const [top = ""] = digests;
  const opts = await optionsFor(ctx, parseReference(repo).registry, true);
  if (children && ctx.plan.tlog) {
    await signEach(ctx, repo, [top, ...children], opts);
  } else {
    await signRetried(ctx, `${repo}@${top}`, opts, true);
  }
  const failed = await unverified(ctx, opts, digests.map((d) => `${repo}@${d}`));
  if (failed.length > 0) {
    throw new Error(`the signature does not verify for ${failed.join("; ")}: the image is pushed, but not as signed`);
  }
  const shown = ctx.plan.signer.kind === "key" && ctx.plan.pemKey ? "cosign.pub" : "";
  return {
    signatures: Object.fromEntries(digests.map((d) => [`${repo}@${d}`, signatureRef(repo, d, ctx.cosign.signingConfig)])),
    verifyCommands: digests.map((d) => verifyCommand(`${repo}@${d}`, opts, shown))
  };
}
var SIGNING_AT_ONCE = 6;
async function signEach(ctx, repo, digests, opts) {
  const queue = [...digests];
  const failures = [];
  const worker = async () => {
    for (let d = queue.shift(); d !== void 0; d = queue.shift()) {
      await signRetried(ctx, `${repo}@${d}`, opts, false).catch((error) => void failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGNING_AT_ONCE, digests.length) }, worker));
  const [first] = failures;
  if (first === void 0) return;
  const signed = digests.length - failures.length;
  if (signed === 0 || !(first instanceof Error)) throw first;
  throw new Error(`${first.message} (${signed} of ${digests.length} manifests of the image were signed; the image is not signed as a whole)`);
}
async function unverified(ctx, opts, refs) {
  const results = await Promise.all(refs.map((r) => runCosign(ctx.cosign, verifyArgv(r, opts), { env: envOf(ctx) })));
  return results.flatMap((res, i) => res.exitCode === 0 ? [] : [`${refs[i]} (${cosignError(res)})`]);
}
async function verifySources(ctx, pinned) {
  const byRegistry = /* @__PURE__ */ new Map();
  for (const p of pinned) {
    const registry = parseReference(p).registry;
    byRegistry.set(registry, [...byRegistry.get(registry) ?? [], p]);
  }
  const failed = (await Promise.all([...byRegistry].map(async ([registry, refs]) => unverified(ctx, await optionsFor(ctx, registry, false), refs)))).flat();
  if (failed.length > 0) {
    const who = ctx.plan.signer.kind === "key" ? "the key" : ctx.plan.signer.identity;
    throw new Error(withFix(
      `verify-sources: no valid signature of ${who} on ${failed.join("; ")}; nothing was pushed`,
      "merge only legs this workflow built and signed (sign on the legs), or set verify-sources: false"
    ));
  }
}
async function signPublished(ctx, names, digest2, platforms, children) {
  const repositories = [...new Set(names.map((n) => repositoryOf(parseReference(n))))];
  const digests = [.../* @__PURE__ */ new Set([digest2, ...Object.values(platforms)])];
  const signed = [];
  for (const repo of repositories) signed.push(await signImage(ctx, repo, digests, children));
  return {
    signatures: Object.assign({}, ...signed.map((s) => s.signatures)),
    verifyCommands: signed.flatMap((s) => s.verifyCommands)
  };
}

// src/bake/bake-argv.ts
import { existsSync as existsSync6, writeFileSync as writeFileSync4 } from "node:fs";
import { join as join13 } from "node:path";

// src/bake/definition.ts
function definitionArgs(bake) {
  return [
    ...bake.source ? [bake.source] : [],
    ...bake.files.flatMap((f) => ["--file", f]),
    ...bake.set.flatMap((s) => ["--set", s])
  ];
}
function namedInput(bake) {
  if (bake.source) return ["source", bake.source];
  return ["files", bake.files.join(",") || "(buildx's default file names)"];
}
var bakeError = (stderr) => finalError(stderr).replace(/^ERROR:\s*/, "");
async function readDefinition(buildx, bake, env = process.env) {
  const res = await runBuildx(
    buildx,
    ["bake", "--print", ...definitionArgs(bake), ...bake.targets],
    { env, cwd: bake.workdir, timeoutMs: 12e4 }
  );
  if (res.exitCode !== 0) {
    const why = bakeError(res.stderrTail);
    const unknown = /^failed to find target (\S+)/.exec(why);
    if (unknown) {
      const defined = await listTargets(buildx, bake, env);
      const it = defined ? `; it defines ${defined}` : "";
      if (bake.targets.length === 0) {
        throw new InputError("targets", "", `is empty, and the bake definition has no \`default\` group: name the targets to build${it}`);
      }
      throw new InputError("targets", unknown[1] ?? "", `is not a target or group of the bake definition${it}`);
    }
    const [name, value] = namedInput(bake);
    throw new InputError(name, value, `is not a bake definition buildx can read: ${why}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(res.stdout);
  } catch {
    throw new Error(`buildx bake --print did not print JSON: ${res.stdout.slice(0, 200)}`);
  }
  const targets = parsed.target ?? {};
  if (Object.keys(targets).length === 0) {
    const [name, value] = namedInput(bake);
    throw new InputError(name, value, "defines no target to build (no `default` group, and no targets given)");
  }
  return { targets };
}
async function listTargets(buildx, bake, env) {
  const res = await runBuildx(
    buildx,
    ["bake", "--list", "type=targets,format=json", ...definitionArgs(bake)],
    { env, cwd: bake.workdir, timeoutMs: 6e4 }
  );
  if (res.exitCode !== 0) return void 0;
  try {
    const entries = JSON.parse(res.stdout);
    const names = (group) => entries.filter((e) => Boolean(e.group) === group).map((e) => e.name);
    const groups = names(true);
    return names(false).join(", ") + (groups.length > 0 ? ` (groups: ${groups.join(", ")})` : "");
  } catch {
    return void 0;
  }
}
function platformsOf(definition) {
  return [...new Set(Object.values(definition.targets).flatMap((t) => t.platforms ?? []))];
}

// src/bake/bake-argv.ts
var BAKE_DEFAULT_FILES = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yml",
  "docker-compose.yaml",
  "docker-bake.json",
  "docker-bake.hcl",
  "docker-bake.override.json",
  "docker-bake.override.hcl"
];
function additionsFile(bake, additions, dir) {
  const entries = Object.entries(additions).filter(([, a]) => Object.keys(a).length > 0);
  if (entries.length === 0) return [];
  const file = join13(dir, "multiarch-build.bake.json");
  writeFileSync4(file, JSON.stringify({ target: Object.fromEntries(entries) }));
  const defaults = bake.files.length > 0 ? [] : BAKE_DEFAULT_FILES.filter((f) => existsSync6(join13(bake.workdir, f)));
  return [...defaults, file].flatMap((f) => ["--file", f]);
}
function bakeCommand(inputs, bake, run2, target, env = process.env) {
  const network = inputs.network ?? (target.hostNetwork ? "host" : void 0);
  const additions = Object.fromEntries(Object.entries(run2.caches).map(
    ([t, c]) => [t, {
      ...network ? { network } : {},
      ...run2.byDigest?.[t] ? { tags: [], output: [`type=image,name=${run2.byDigest[t]},push-by-digest=true,name-canonical=true,push=true`] } : {},
      ...c.from.length > 0 ? { "cache-from": c.from } : {},
      ...c.to.length > 0 ? { "cache-to": c.to } : {}
    }]
  ));
  const argv = ["bake", ...definitionArgs(bake), ...bake.source ? [] : additionsFile(bake, additions, run2.workDir)];
  const set = (value) => void argv.push("--set", value);
  const allow = [...inputs.allow];
  if (target.hostNetwork && network === "host" && !allow.includes("network.host")) allow.push("network.host");
  for (const a of allow) argv.push("--allow", a);
  const attests = attestArgs(inputs, { buildkitAttests: target.buildkitAttests ?? false, env });
  for (let i = 1; i < attests.length; i += 2) set(`*.attest=${attests[i] ?? ""}`);
  if (target.name) argv.push("--builder", target.name);
  argv.push("--metadata-file", run2.metadataFile);
  if (inputs.noCache) argv.push("--no-cache");
  if (inputs.pull) argv.push("--pull");
  if (run2.byDigest) set(`*.platform=${inputs.platforms.join(",")}`);
  else if (inputs.push) argv.push("--push");
  else if (inputs.load) argv.push("--load");
  argv.push(...bake.targets);
  return { argv, env: { ...target.env, BUILDX_METADATA_WARNINGS: "true" }, cwd: bake.workdir };
}

// src/bake/bake-metadata.ts
import { readFileSync as readFileSync7 } from "node:fs";
function metadataText(file) {
  try {
    return readFileSync7(file, "utf8");
  } catch {
    return void 0;
  }
}
function readBakeMetadata(text2, targets) {
  let raw = {};
  try {
    const parsed = JSON.parse(text2 ?? "{}");
    if (parsed && typeof parsed === "object") raw = parsed;
  } catch {
  }
  return Object.fromEntries(targets.map((t) => {
    const m = raw[t] ?? {};
    const digest2 = m["containerimage.digest"];
    const ref = m["buildx.build.ref"];
    return [t, { ...typeof digest2 === "string" ? { digest: digest2 } : {}, ...typeof ref === "string" ? { ref } : {} }];
  }));
}

// src/bake/bake-checks.ts
import { join as join14 } from "node:path";
function bakeCheckAnnotations(metadata, bake, targets, workspace) {
  if (metadata === void 0) return [];
  const warnings = checkWarnings(metadata);
  if (warnings.length === 0) return [];
  const sites = targets.map((t) => {
    const context = join14(bake.workdir, t.context ?? ".");
    return dockerfileSite({ context, contextIsLocal: true, file: join14(context, t.dockerfile ?? "Dockerfile") }, workspace);
  });
  const placings = sites.map((site) => annotationsFor(warnings, site));
  return warnings.map((_w, i) => placings.map((p) => p[i]).find((a) => a?.file) ?? placings[0]?.[i]).filter((a) => a !== void 0);
}

// src/bake/pushed-targets.ts
var PUSHED = /^pushing manifest for (\S+)@(sha256:[0-9a-f]{64})\b.*\bdone$/;
var PushedTargets = class {
  constructor(tags) {
    this.tags = tags;
    for (const [target, list] of Object.entries(tags)) for (const tag2 of list) this.byTag.set(tag2, target);
  }
  tags;
  /** Target -> tag -> digest, of the attempt being watched. */
  pushed = /* @__PURE__ */ new Map();
  byTag = /* @__PURE__ */ new Map();
  /** A watch for each attempt: what an attempt pushed is what that attempt saw. */
  watch = () => {
    this.pushed = /* @__PURE__ */ new Map();
    return {
      line: (text2) => {
        const line = readProgressLine(text2);
        const m = line?.kind === "vertex" ? PUSHED.exec(line.name) : null;
        const target = m ? this.byTag.get(m[1] ?? "") : void 0;
        if (!m || !target) return;
        const tags = this.pushed.get(target) ?? /* @__PURE__ */ new Map();
        tags.set(m[1] ?? "", m[2] ?? "");
        this.pushed.set(target, tags);
      },
      explain: () => Promise.resolve(void 0),
      end: () => void 0
    };
  };
  /** The bake's error line, with what each other target left: pushed (every tag), or nothing. */
  failureLine(message) {
    const failed = /\btarget ([\w-]+):/.exec(message)?.[1];
    const others = Object.keys(this.tags).filter((t) => t !== failed).map((t) => {
      const tags = this.pushed.get(t);
      const all = (this.tags[t] ?? []).length > 0 && (this.tags[t] ?? []).every((tag2) => tags?.has(tag2));
      return all ? `${t} pushed (${[...tags?.values() ?? []][0] ?? ""})` : `${t} not pushed`;
    });
    const said = `${failed ? `; target ${failed} failed, none of its tags written` : ""}${others.length > 0 ? `; the other targets: ${others.join(", ")}` : ""}`;
    const fix = message.indexOf(". Fix: ");
    return fix < 0 ? `${message}${said}` : `${message.slice(0, fix)}${said}${message.slice(fix)}`;
  }
};

// src/bake/bake.ts
import { join as join15 } from "node:path";
async function recordTargetLeg(repo, source, platforms, checks) {
  if (!cacheServiceAvailable()) {
    info("push-by-digest: no Actions cache service here, so the digests are not recorded for a merge step");
    return;
  }
  const { saveLegRecords } = await import("./lazy-leg-records.js");
  await saveLegRecords(repo, source, platforms, checks);
}
async function bakeTargets(job, name) {
  const { buildx, inputs, bake, trust, workDir, signal, signing, left } = job;
  const definition = await stage("Bake definition", () => readDefinition(buildx, bake));
  const names = Object.keys(definition.targets);
  const platforms = inputs.release.pushByDigest ? inputs.platforms : platformsOf(definition);
  const planned = { ...inputs, platforms };
  const engine = await stage("Preflight", () => preflight(planned, buildx));
  const emulate = emulationFor(planned);
  const emulated = emulate.length === 0 ? [] : await stage("QEMU", () => ensureQemu(emulate, inputs.qemu.image));
  const builder = await stage("Builder", () => prepareBuilder(buildx, planned, name, workDir));
  const target = await buildTarget(buildx, planned, builder, engine, trust.env);
  const metadataFile = join15(workDir, "bake-metadata.json");
  const caches = Object.fromEntries(names.map((t) => {
    const def = definition.targets[t] ?? {};
    const own = (def["cache-from"] ?? []).length > 0 || (def["cache-to"] ?? []).length > 0;
    const plan = chooseCache(
      {
        ...inputs,
        tags: def.tags ?? [],
        platforms: def.platforms ?? platforms,
        cacheFrom: own ? ["(the target's own)"] : inputs.cacheFrom
      },
      { buildkitGhaV2: !!target.buildkitGhaV2, pushes: inputs.push, of: t }
    );
    return [t, { from: plan.from, to: plan.to }];
  }));
  const repoOf = (t) => {
    const tag2 = definition.targets[t]?.tags?.[0];
    return tag2 ? repositoryOf(parseReference(tag2)) : void 0;
  };
  const byDigest = inputs.release.pushByDigest ? Object.fromEntries(names.flatMap((t) => {
    const r = repoOf(t);
    return r ? [[t, r]] : [];
  })) : void 0;
  const run2 = { metadataFile, workDir, caches, ...byDigest ? { byDigest } : {} };
  const command = bakeCommand(inputs, bake, run2, target);
  const tagsOf = Object.fromEntries(names.map((t) => [t, definition.targets[t]?.tags ?? []]));
  const pushedTargets = new PushedTargets(tagsOf);
  const recorded = {
    request: { buildx, builder: builder.name, settings: inputs.report },
    signal,
    keep: (r) => void (left.record = r),
    stage: (run3) => stage("Build record", run3)
  };
  const attempts = await withBuildRecord(recorded, () => stage("Bake", () => runBuild(
    buildx,
    command,
    inputs.retry,
    {
      what: `buildx bake (${names.join(", ")})`,
      ask: registryQuestions(trust),
      signal,
      watches: [crashWatch(platforms, emulated, inputs.qemu.image), pushedTargets.watch],
      forgetDownload: forgetDownloads(builder, inputs.setup.driver)
    }
  ))).catch((error) => {
    if (error instanceof BuildError) {
      throw new BuildError(pushedTargets.failureLine(error.message), error.attempts, error.stderrTail);
    }
    throw error;
  });
  const metadata = metadataText(metadataFile);
  const meta = readBakeMetadata(metadata, names);
  const checks = bakeCheckAnnotations(
    metadata,
    bake,
    Object.values(definition.targets),
    process.env.GITHUB_WORKSPACE || process.cwd()
  );
  left.checks = reportChecks(
    checks,
    inputs.report,
    inputs.release.pushByDigest && cacheServiceAvailable() ? "the merge step" : void 0
  );
  const client = registryClientFor(trust);
  const targets = {};
  for (const t of names) {
    const tags = definition.targets[t]?.tags ?? [];
    const built = definition.targets[t]?.platforms ?? platforms;
    const repo = byDigest?.[t];
    if (repo) {
      const digest2 = meta[t]?.digest ?? "";
      const source = `${repo}@${digest2}`;
      const image2 = await stage(`Digests of ${t}`, () => readPushed([source], client));
      const signed2 = signing && await stage(`Signing ${t}`, () => signPublished(signing, [source], image2.digest, image2.digests, image2.manifests));
      await recordTargetLeg(repo, `${repo}@${image2.digest}`, Object.keys(image2.digests), checks);
      targets[t] = {
        digest: image2.digest,
        digests: image2.digests,
        tags: [],
        platforms: Object.keys(image2.digests),
        ...signed2 ? { signed: signed2 } : {}
      };
      continue;
    }
    if (!inputs.push || tags.length === 0) {
      targets[t] = { digest: meta[t]?.digest ?? "", digests: {}, tags, platforms: built };
      continue;
    }
    const image = await stage(`Digests of ${t}`, () => readPushed(tags, client));
    const signed = signing && await stage(`Signing ${t}`, () => signPublished(signing, tags, image.digest, image.digests, image.manifests));
    targets[t] = {
      digest: image.digest,
      digests: image.digests,
      tags,
      platforms: Object.keys(image.digests),
      ...signed ? { signed } : {}
    };
  }
  return {
    mode: "bake",
    targets,
    platforms,
    builder: builder.name,
    nodes: nodesOutput(builder.nodes),
    nodeFor: buildingNodes(builder, platforms),
    emulated,
    attempts,
    pushed: inputs.push,
    left
  };
}

// src/bake/bake-fan-out.ts
async function planBakeLegs(buildx, inputs, bake) {
  const definition = await readDefinition(buildx, bake);
  const { runners, groupByRunner } = inputs.fanOut;
  const legs = Object.entries(definition.targets).flatMap(([target, t]) => planLegs(t.platforms?.length ? t.platforms : inputs.platforms, runners, groupByRunner).map((leg) => ({ ...leg, target, slug: slug(`${target}-${leg.slug}`) })));
  return { mode: "plan", legs, digest: "", digests: {}, platforms: platformsOf(definition), tags: [] };
}

// src/bake/bake-merge.ts
async function mergeTargets(job) {
  const { buildx, inputs, bake, trust, signal, signing, left } = job;
  if (!cacheServiceAvailable()) {
    throw new Error("mode merge of a bake: there is no Actions cache service to find the legs of this run in (each target's legs record their digests there)");
  }
  const definition = await stage("Bake definition", () => readDefinition(buildx, bake));
  const { restoreLegRecords } = await import("./lazy-leg-records.js");
  const client = registryClientFor(trust);
  const checkSources = signing && inputs.signing.verifySources ? (pinned) => stage("Sources signed", () => verifySources(signing, pinned)) : void 0;
  const targets = {};
  const failed = [];
  const checks = [];
  for (const [name, t] of Object.entries(definition.targets)) {
    const tags = t.tags ?? [];
    const platforms = t.platforms?.length ? t.platforms : inputs.platforms;
    try {
      const first = tags[0];
      if (!first) throw new Error("it names no tags to merge into");
      const repo = repositoryOf(parseReference(first));
      const legs = await stage(`Legs of ${name}`, () => restoreLegRecords(repo, platforms));
      checks.push(...legs.checks);
      const request2 = {
        tags,
        platforms,
        sources: legs.sources,
        annotations: inputs.annotations,
        retry: inputs.retry,
        env: trust.env,
        ask: registryQuestions(trust),
        signal,
        ...checkSources ? { checkSources } : {}
      };
      const merged = await stage(`Merge ${name}`, () => mergeIndex(buildx, request2, client));
      const signed = signing && await stage(`Signing ${name}`, () => signPublished(signing, tags, merged.digest, merged.digests));
      targets[name] = {
        ...merged,
        tags,
        platforms: Object.keys(merged.digests),
        ...signed ? { signed } : {}
      };
    } catch (error) {
      failed.push(`${name} (${errorMessage(error)})`);
    }
  }
  left.checks = reportChecks(checks, inputs.report);
  if (failed.length > 0) {
    const merged = Object.entries(targets).map(([n, r]) => `${n} ${r.digest}`);
    const all = Object.keys(definition.targets).length;
    throw new Error(`mode merge of a bake: ${failed.length} of ${all} targets not merged, none of their tags written: ${failed.join("; ")}` + (merged.length > 0 ? `; merged: ${merged.join(", ")}` : ""));
  }
  return {
    mode: "bake",
    targets,
    platforms: platformsOf(definition),
    builder: "",
    nodes: "[]",
    nodeFor: {},
    emulated: [],
    attempts: [],
    pushed: true,
    left
  };
}

// src/signing/plan.ts
var GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";
function workflowIdentity(env) {
  const ref = env.GITHUB_WORKFLOW_REF;
  return ref ? `${env.GITHUB_SERVER_URL || "https://github.com"}/${ref}` : void 0;
}
function signingPlan(signing, github, env, pushes) {
  if (signing.mode === "false" || !pushes && !signing.verifySources) return void 0;
  const tlog = signing.tlog === "auto" ? !github.privateRepo : signing.tlog === "true";
  const sigstore = signing.sigstore ? { sigstore: signing.sigstore } : {};
  if (signing.key) {
    const pem = signing.key.startsWith("-----");
    return pem ? { signer: { kind: "key", key: "cosign.key", publicKey: "cosign.pub" }, tlog, pemKey: signing.key, ...sigstore } : { signer: { kind: "key", key: signing.key, publicKey: signing.key }, tlog, ...sigstore };
  }
  if (canMintToken(env)) {
    const identity = signing.identity ?? workflowIdentity(env) ?? "";
    return { signer: { kind: "keyless", identity, issuer: GITHUB_OIDC_ISSUER }, tlog, ...sigstore };
  }
  if (signing.mode === "true" || signing.verifySources) {
    throw new InputError(signing.verifySources ? "verify-sources" : "sign", "true", "needs a key or an identity: give `sign-key`, or let the job mint an OIDC token (`permissions: id-token: write`) to sign keyless");
  }
  return void 0;
}
function checkCosignFor(plan, cosign) {
  if (plan.sigstore?.signingConfig && !cosign.signingConfig) {
    throw new Error(withFix(`signing with a private Sigstore needs cosign 3 (signing configs), and ${cosign.file} is older`, "pin `cosign-version: v3.1.1` (or newer), or install cosign 3 first"));
  }
}

// src/signing/keyless.ts
var FULCIO_WORKFLOW_BASE = "https://github.com/";
async function withJobIdentity(plan, identityGiven, env = process.env) {
  if (plan.signer.kind !== "keyless") return plan;
  const token = await requestIdToken(env);
  const identity = identityGiven || !token.jobWorkflowRef ? plan.signer.identity : `${FULCIO_WORKFLOW_BASE}${token.jobWorkflowRef}`;
  if (!identity) {
    throw new Error(withFix("keyless signing cannot tell which identity to verify: the job's token has no job_workflow_ref and GITHUB_WORKFLOW_REF is not set", "give `sign-identity`"));
  }
  return { ...plan, signer: { kind: "keyless", identity, issuer: token.issuer } };
}

// src/main.ts
async function run() {
  markMainStarted();
  const workDir = mkdtempSync(join16(process.env.RUNNER_TEMP || tmpdir2(), "multiarch-build-"));
  let buildx = locateBuildx();
  let builder;
  const cancel = onCancel();
  const left = {};
  try {
    const inputs = await getInputs();
    maskSecrets(inputs);
    const pin = inputs.buildxPin;
    if (pin) buildx = await stage("buildx", () => pinnedBuildx(pin));
    let results;
    const trust = registryTrust(inputs.setup.registry, workDir);
    const signing = await signingFor(inputs, workDir, trust);
    const job = { buildx, inputs, trust, workDir, signal: cancel.signal, signing, left };
    if (inputs.release.mode === "plan") {
      const { bake } = inputs;
      results = bake ? await stage("Bake definition", () => planBakeLegs(buildx, inputs, bake)) : fanOut(inputs);
    } else if (inputs.release.mode === "merge") {
      results = inputs.bake ? await mergeTargets({ ...job, bake: inputs.bake }) : await merge(job);
    } else if (inputs.bake) {
      builder = builderName(inputs.builder, process.env);
      results = await bakeTargets({ ...job, bake: inputs.bake }, builder);
    } else {
      builder = builderName(inputs.builder, process.env);
      results = await build(job, builder);
    }
    setOutputs(results);
    await writeSummary(results);
    noticeEmulationTax(results);
  } catch (error) {
    if (error instanceof BuildError) await reportFailedAttempts(error.attempts, left);
    if ((error instanceof BuildError || error instanceof BootError) && !cancel.signal.aborted) {
      await logDiagnostics(
        buildx,
        builder,
        error instanceof BuildError ? error.stderrTail : [],
        error instanceof BootError ? error.nodes : void 0
      );
    }
    setFailed(oneLine(errorMessage(error)));
  } finally {
    cancel.dispose();
    rmSync(workDir, { recursive: true, force: true });
  }
}
async function signingFor(inputs, workDir, trust) {
  const planned = signingPlan(
    inputs.signing,
    inputs.github,
    process.env,
    inputs.release.mode === "merge" || pushesToRegistry(inputs)
  );
  if (!planned) return void 0;
  setOutput("signed", "false");
  const cosign = await stage("cosign", () => locateCosign(inputs.signing.cosignPin));
  checkCosignFor(planned, cosign);
  const plan = planned.signer.kind === "keyless" ? await stage("OIDC token", () => withJobIdentity(planned, inputs.signing.identity !== void 0)) : planned;
  return { cosign, plan, workDir, env: trust.env, insecure: inputs.setup.registry.insecure };
}
async function build(job, name) {
  const { buildx, inputs, trust, workDir, signal, signing, left } = job;
  const engine = await stage("Preflight", () => preflight(inputs, buildx));
  const emulate = emulationFor(inputs);
  const emulated = emulate.length === 0 ? [] : await stage("QEMU", () => ensureQemu(emulate, inputs.qemu.image));
  const builder = await stage("Builder", () => prepareBuilder(buildx, inputs, name, workDir));
  const metadataFile = join16(workDir, "metadata.json");
  const target = await buildTarget(buildx, inputs, builder, engine, trust.env);
  const pushes = pushesToRegistry(inputs);
  const cache = chooseCache(inputs, { buildkitGhaV2: !!target.buildkitGhaV2, pushes });
  const cacheWatch = new CacheWatch();
  const command = buildCommand(withCache(inputs, cache), metadataFile, process.env, target);
  const recorded = {
    request: {
      buildx,
      builder: builder.name,
      settings: inputs.report,
      ...inputs.call ? { call: inputs.call } : {}
    },
    signal,
    keep: (r) => void (left.record = r),
    stage: (run2) => stage("Build record", run2)
  };
  const attempts = await withBuildRecord(recorded, () => stage("Build", () => runBuild(
    buildx,
    command,
    inputs.retry,
    {
      what: buildDescription(inputs),
      ask: registryQuestions(trust),
      signal,
      watches: [crashWatch(inputs.platforms, emulated, inputs.qemu.image), cacheWatch.watch],
      forgetDownload: forgetDownloads(builder, inputs.setup.driver)
    }
  )));
  left.cache = reportCache(cache, cacheWatch.seen);
  const meta = readMetadata(metadataFile);
  const checks = checkAnnotations(meta.raw, inputs);
  left.checks = reportChecks(checks, inputs.report, recordsForMerge(inputs) ? "the merge step" : void 0);
  const results = {
    mode: "build",
    digest: meta.digest ?? "",
    digests: {},
    platforms: inputs.platforms,
    tags: inputs.tags,
    imageid: imageId(meta),
    metadata: meta.raw,
    pushed: pushes,
    builder: builder.name,
    nodes: nodesOutput(builder.nodes),
    emulated,
    attempts,
    sizes: Promise.resolve({}),
    nodeFor: buildingNodes(builder, inputs.platforms),
    left
  };
  if (!pushes) return results;
  const names = namesToReadBack(inputs, results.digest);
  const image = await stage("Digests", () => readPushed(names, registryClientFor(trust)));
  const signed = signing && await stage("Signing", () => signPublished(signing, names, image.digest, image.digests, image.manifests));
  if (inputs.release.pushByDigest) await recordLegForMerge(inputs, names[0] ?? "", Object.keys(image.digests), checks);
  return { ...results, ...image, platforms: Object.keys(image.digests), ...signed ? { signed } : {} };
}
async function merge({ buildx, inputs, trust, signal, signing, left }) {
  const { sources, checks } = await mergeSources(inputs);
  left.checks = reportChecks(checks, inputs.report);
  const { tags, platforms, annotations, retry } = inputs;
  const checkSources = signing && inputs.signing.verifySources ? (pinned) => stage("Sources signed", () => verifySources(signing, pinned)) : void 0;
  const merged = await mergeIndex(buildx, {
    tags,
    platforms,
    sources,
    annotations,
    retry,
    env: trust.env,
    ask: registryQuestions(trust),
    signal,
    checkSources
  }, registryClientFor(trust));
  const signed = signing && await stage("Signing", () => signPublished(signing, tags, merged.digest, merged.digests));
  return {
    mode: "merge",
    ...merged,
    platforms: Object.keys(merged.digests),
    tags: inputs.tags,
    left,
    ...signed ? { signed } : {}
  };
}
function fanOut(inputs) {
  const legs = planLegs(inputs.platforms, inputs.fanOut.runners, inputs.fanOut.groupByRunner);
  return { mode: "plan", legs, digest: "", digests: {}, platforms: inputs.platforms, tags: [] };
}

// src/post.ts
async function post() {
  try {
    await removeBuilder();
    const imageName = imageNameToRemove();
    if (imageName && !await removeLocalOnlyName(imageName)) warning(`could not remove the image name ${imageName}`);
  } catch (error) {
    warning(`cleanup: ${errorMessage(error)}`);
  }
}
async function removeBuilder() {
  const builder = builderToRemove();
  if (!builder) return;
  const pinned = savedBuildxPath();
  const buildx = pinned ? { file: pinned, prefix: [] } : locateBuildx();
  const res = await runBuildx(buildx, ["rm", "--force", builder], { timeoutMs: 12e4 });
  if (res.exitCode === 0) info(`removed builder ${builder}`);
  else if (!isFailure("builder-missing", finalErrorText(res.stderrTail))) {
    warning(`could not remove builder ${builder}: ${finalError(res.stderrTail)}`);
  }
}

export {
  isPost,
  INPUT_NAMES,
  exitWhenFlushed,
  run,
  post
};
