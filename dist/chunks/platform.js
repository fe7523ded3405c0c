#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/shared/platform.ts
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
  "wasip1",
  "hurd",
  "zos"
]);
var VARIANTS = {
  amd64: /* @__PURE__ */ new Set(["v2", "v3", "v4"]),
  arm64: /* @__PURE__ */ new Set([
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
var normalizeOs = (os) => os.toLowerCase() === "macos" ? "darwin" : os.toLowerCase();
function normalizeArch(arch, variant) {
  const [a, v] = [arch.toLowerCase(), variant.toLowerCase()];
  switch (a) {
    case "i386":
      return ["386", ""];
    case "x86_64":
    case "x86-64":
    case "amd64":
      return ["amd64", v === "v1" ? "" : v];
    case "aarch64":
    case "arm64":
      return ["arm64", ["8", "v8", "v8.0"].includes(v) ? "" : ["9", "9.0", "v9.0"].includes(v) ? "v9" : v];
    case "armhf":
      return ["arm", "v7"];
    case "armel":
      return ["arm", "v6"];
    case "arm":
      return ["arm", v === "" || v === "7" ? "v7" : ["5", "6", "8"].includes(v) ? `v${v}` : v];
    default:
      return [a, v];
  }
}
var HOST_PLATFORMS = {
  x64: ["linux/amd64", "linux/386"],
  arm64: ["linux/arm64"],
  arm: ["linux/arm/v7", "linux/arm/v6"],
  ppc64: ["linux/ppc64le"],
  s390x: ["linux/s390x"],
  riscv64: ["linux/riscv64"]
};
function hostPlatforms(arch = process.arch) {
  return HOST_PLATFORMS[arch] ?? [];
}
var COMPONENT = /^[A-Za-z0-9_.-]+$/;
var FORM = "is not a platform of the form os/arch[/variant], e.g. linux/arm64";
function read(text, hostArch) {
  if (text.toLowerCase() === "local") {
    const own = hostPlatforms(hostArch)[0];
    return own ? read(own, hostArch) : { problem: `names the runner's platform, and its processor ${hostArch} is not known` };
  }
  const parts = text.split("/");
  if (parts.length > 3 || parts.some((p) => !COMPONENT.test(p))) return { problem: FORM };
  let [os = "", arch = "", variant = ""] = parts;
  if (parts.length === 1) {
    const own = hostPlatforms(hostArch)[0]?.split("/") ?? [];
    if (OSES.has(normalizeOs(os))) [arch, variant] = [own[1] ?? "", own[2] ?? ""];
    else [os, arch] = ["linux", os];
  }
  os = normalizeOs(os);
  [arch, variant] = normalizeArch(arch, variant);
  if (!OSES.has(os)) return { problem: parts.length === 1 ? FORM : `has an unknown os "${os}"` };
  const variants = VARIANTS[arch];
  if (!variants) return { problem: arch === "" ? FORM : `has an unknown architecture "${arch}"` };
  if (variant !== "" && !variants.has(variant)) return { problem: `has an unknown variant "${variant}" for ${arch}` };
  return { platform: variant === "" ? { os, architecture: arch } : { os, architecture: arch, variant } };
}
function platformProblem(text, hostArch = process.arch) {
  return read(text, hostArch).problem;
}
function parsePlatform(text, hostArch = process.arch) {
  const r = read(text, hostArch);
  if (r.problem !== void 0) throw new Error(`${text} ${r.problem}`);
  return r.platform;
}
function normalizePlatform(text, hostArch = process.arch) {
  return formatPlatform(parsePlatform(text, hostArch));
}
function formatPlatform(p) {
  const os = normalizeOs(p.os);
  const [arch, variant] = normalizeArch(p.architecture, p.variant ?? "");
  return variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`;
}
function seenPlatform(text) {
  const r = read(text, process.arch);
  return r.platform ? formatPlatform(r.platform) : text.toLowerCase();
}
var PlatformListError = class extends Error {
  constructor(item, problem) {
    super(`${item} ${problem}`);
    this.item = item;
    this.problem = problem;
    this.name = "PlatformListError";
  }
  item;
  problem;
};
function readPlatformList(items, hostArch = process.arch) {
  const out = [];
  for (const item of items.flatMap((i) => i.split(",")).map((i) => i.trim()).filter(Boolean)) {
    const r = read(item, hostArch);
    if (r.problem !== void 0) throw new PlatformListError(item, r.problem);
    const text = formatPlatform(r.platform);
    if (out.includes(text)) throw new PlatformListError(item, `lists ${text} twice`);
    out.push(text);
  }
  return out;
}

// src/runtime/slug.ts
function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

export {
  hostPlatforms,
  platformProblem,
  parsePlatform,
  normalizePlatform,
  formatPlatform,
  seenPlatform,
  PlatformListError,
  readPlatformList,
  slug
};
