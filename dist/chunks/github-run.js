#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/shared/github-run.ts
import { readFileSync } from "node:fs";

// src/shared/booleans.ts
var INPUT_BOOLEAN = /^(true|True|TRUE|false|False|FALSE)$/;
var isBooleanText = (v) => INPUT_BOOLEAN.test(v);
var booleanValue = (v) => /^true$/i.test(v);
var ENV_TRUE = /* @__PURE__ */ new Set(["1", "t", "T", "true", "TRUE", "True"]);
var envSwitch = (value) => ENV_TRUE.has(value ?? "");

// src/shared/registry-host.ts
var domainLabel = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var domainName = `${domainLabel}(?:\\.${domainLabel})*`;
var ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
var DOMAIN = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
var REGISTRY_HOST = new RegExp(`^${DOMAIN}$`);
var isRegistryHost = (text) => REGISTRY_HOST.test(text);
var DOCKER_HUB = "docker.io";
var LEGACY_HUB = "index.docker.io";
var HUB_API = "registry-1.docker.io";
var HUB_ALIASES = /* @__PURE__ */ new Set([DOCKER_HUB, LEGACY_HUB, HUB_API]);
var isDockerHub = (host) => HUB_ALIASES.has(host);
function hostOf(url) {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/[/?#].*$/, "");
}

// src/shared/github-run.ts
var DEFAULT_CONTEXT = "{{defaultContext}}";
function readPayload(env) {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  } catch {
    return {};
  }
}
function runOf(env) {
  return { id: env.GITHUB_RUN_ID ?? "", attempt: env.GITHUB_RUN_ATTEMPT || "1" };
}
function githubRun(env) {
  const repo = env.GITHUB_REPOSITORY;
  const payload = readPayload(env);
  const head = payload.pull_request?.head?.repo?.full_name;
  const run = { privateRepo: payload.repository?.private ?? false };
  if (head && head !== repo) run.fromFork = true;
  if (!repo) return run;
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  const { id, attempt } = runOf(env);
  if (id) run.runUrl = `${server}/${repo}/actions/runs/${id}/attempts/${attempt}`;
  let ref = env.GITHUB_REF ?? "";
  let sha = env.GITHUB_SHA ?? "";
  if (sha && ref && !ref.startsWith("refs/")) ref = `refs/heads/${ref}`;
  const headSha = payload.pull_request?.head?.sha;
  if (ref.startsWith("refs/pull/") && envSwitch(env.DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF)) {
    if (headSha) sha = headSha;
    else ref = ref.replace(/\/merge$/, "/head");
  }
  run.git = { repoUrl: `${server}/${repo}.git`, ref, sha };
  return run;
}
function defaultGitContext(git, query) {
  if (!query) return `${git.repoUrl}#${git.sha || git.ref}`;
  if (git.ref.startsWith("refs/pull/") || !git.sha) return `${git.repoUrl}?ref=${git.sha || git.ref}`;
  return `${git.repoUrl}?ref=${git.ref}&checksum=${git.sha}`;
}
function gitAuthHost(context, env) {
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  return context.startsWith(server) ? hostOf(server) : void 0;
}

export {
  isBooleanText,
  booleanValue,
  envSwitch,
  DOMAIN,
  REGISTRY_HOST,
  isRegistryHost,
  DOCKER_HUB,
  LEGACY_HUB,
  HUB_API,
  isDockerHub,
  hostOf,
  DEFAULT_CONTEXT,
  runOf,
  githubRun,
  defaultGitContext,
  gitAuthHost
};
