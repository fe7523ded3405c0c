// The typed inputs every stage reads: `inputs/` fills them in once, the stages only read them.
import type { GithubRun } from './github-run.js';

export interface Secret {
  id: string;
  value: string;
}

/** The `retries`, `retry-delay` and `attempt-timeout` inputs: the policy of a retried command. */
export interface RetryInputs {
  /** Attempts after the first. */
  retries: number;
  /** First delay in seconds; doubles each time, with jitter, capped. */
  delaySeconds: number;
  attemptTimeoutSeconds?: number;
}

export interface QemuInputs {
  mode: 'auto' | 'true' | 'false';
  image: string;
  /** Platforms to emulate; undefined: what `platforms` needs. */
  platforms?: string[];
}

export const DRIVERS = ['docker-container', 'remote', 'kubernetes'] as const;
export type Driver = (typeof DRIVERS)[number];

export interface NodeSpec {
  name: string;
  endpoint?: string;
  /** Platforms declared for the node; its native one first. */
  platforms: string[];
  driverOpts: string[];
  buildkitdFlags?: string;
}

/** Registry CAs, insecure registries, mirrors and the GC limit for every node the action starts. */
export interface RegistrySettings {
  /** host -> CA file (PEM). */
  ca: Record<string, string>;
  insecure: string[];
  /** host -> mirror URLs. */
  mirrors: Record<string, string[]>;
  keepStorage?: string;
}

export interface BuilderInputs {
  driver: Driver;
  driverOpts: string[];
  /** The BuildKit image of docker-container and kubernetes nodes (a mirror, or pinned by digest). */
  buildkitImage: string;
  buildkitdFlags?: string;
  buildkitdConfigInline?: string;
  /** undefined: one local node. */
  nodes?: NodeSpec[];
  hostNetwork: boolean;
  bootTimeoutSeconds: number;
  bootRetries: number;
  cleanup: boolean;
  registry: RegistrySettings;
}

export interface ReleaseInputs {
  /** build: build and push; merge: assemble legs into one index; plan: the legs of a fan-out. */
  mode: 'build' | 'merge' | 'plan';
  /** Push the image by digest only, to these repositories (no tag). */
  pushByDigest: boolean;
  /** Repositories (`registry/name`) a by-digest push goes to. */
  repositories: string[];
  /** For `mode: merge`: `repo@sha256:…` or `repo:tag` references, any mix. */
  sources: string[];
}

/** A release of a tool to download and run instead of the runner's (`buildx-version`, `cosign-version`). */
export interface ReleasePin {
  version: string;
  urlTemplate: string;
}

/** A service of a Sigstore signing config (v0.2). */
export interface ServiceUrl {
  url: string;
  majorApiVersion: number;
  validFor?: { start?: string; end?: string };
  operator?: string;
}

/** The services of a Sigstore signing config (v0.2) that this action reads or writes. */
export interface SigningConfig {
  mediaType: string;
  caUrls: ServiceUrl[];
  oidcUrls?: ServiceUrl[];
  rekorTlogUrls: ServiceUrl[];
  tsaUrls: ServiceUrl[];
  rekorTlogConfig?: { selector: string; count?: number };
  tsaConfig?: { selector: string; count?: number };
}

/** A Sigstore other than the public one (GHES, air-gapped): what to sign with and verify against. */
export interface SigstoreInstance {
  /** The services: the given signing config, or one made of `fulcio-url` and `rekor-url`. */
  signingConfig?: SigningConfig;
  /**
   * The trusted root: a file as given (cosign reads it, a verify command names it), or the JSON
   * itself (`content`: written to a file for cosign; a verify command names trusted_root.json).
   */
  trustedRoot?: { file: string } | { content: string };
  /** The trusted root lists no certificate transparency log: verifying skips the SCT check. */
  noCtLog: boolean;
}

export interface SigningInputs {
  mode: 'auto' | 'true' | 'false';
  /** A PEM private key (a secret), or a KMS URI; undefined signs keyless. */
  key?: string;
  tlog: 'auto' | 'true' | 'false';
  /** The keyless certificate identity, when not this workflow's own (a reusable workflow's). */
  identity?: string;
  /** For mode merge: every source must carry a valid signature before anything is created. */
  verifySources: boolean;
  cosignPin?: ReleasePin;
  /** A private Sigstore (a signing config or Fulcio/Rekor URLs, and its root); undefined: the public one. */
  sigstore?: SigstoreInstance;
}

/** A runner for the platforms a pattern names: a platform, a prefix (`linux/arm`), or `default`. */
export interface RunnerRule {
  pattern: string;
  /** A runs-on label, or a list of labels (a self-hosted runner's). */
  runner: string | string[];
}

export interface FanOutInputs {
  /** The `runners` input over the hosted defaults; the most specific pattern wins. */
  runners: RunnerRule[];
  /** Platforms that share a runner are one leg. */
  groupByRunner: boolean;
}

export const CACHE_MODES = ['auto', 'gha', 'registry', 'off'] as const;

/** The `cache` input and what a fan-out leg knows of its siblings. */
export interface CacheInputs {
  /** auto: the Actions cache where there is one, else a registry cache next to a pushed image, else none. */
  mode: (typeof CACHE_MODES)[number];
  /** In a fan-out leg: every platform of the fan-out (the leg reads the other legs' scopes too). */
  fanOutPlatforms: string[];
}

/** What a build leaves behind for its users, as build-push-action's DOCKER_BUILD_* variables set it. */
export interface ReportSettings {
  /** DOCKER_BUILD_CHECKS_ANNOTATIONS: Dockerfile check warnings become annotations. */
  checksAnnotations: boolean;
  /** DOCKER_BUILD_SUMMARY: the build record is exported (and the summary links it). */
  record: boolean;
  /** DOCKER_BUILD_RECORD_UPLOAD: the record is uploaded as a workflow artifact. */
  recordUpload: boolean;
  /** DOCKER_BUILD_RECORD_RETENTION_DAYS; undefined keeps the repository's retention. */
  recordRetentionDays?: number;
}

/** A bake definition to build every target of (`files`, `targets`, `set`, `source`, `workdir`). */
export interface BakeInputs {
  /** Bake or compose files, relative to `workdir`; none: buildx's default names (docker-bake.hcl ...). */
  files: string[];
  /** Targets or groups; none: the `default` group. */
  targets: string[];
  /** `TARGET.KEY=VALUE` overrides, as `--set` takes them. */
  set: string[];
  /** A remote definition (a Git or HTTP URL); undefined: the local files. */
  source?: string;
  /** Where bake runs: the files and the targets' contexts are read from here. */
  workdir: string;
}

export interface Inputs {
  /** Set when the step bakes: every target of a bake or compose file instead of one image. */
  bake?: BakeInputs;
  context: string;
  /** False for Git/HTTP contexts that buildx fetches itself. */
  contextIsLocal: boolean;
  file?: string;
  platforms: string[];
  tags: string[];
  push: boolean;
  load: boolean;
  buildArgs: string[];
  buildContexts: string[];
  labels: string[];
  annotations: string[];
  target?: string;
  secrets: Secret[];
  secretEnvs: { id: string; env: string }[];
  secretFiles: { id: string; path: string }[];
  ssh: string[];
  cacheFrom: string[];
  cacheTo: string[];
  outputs: string[];
  noCache: boolean;
  noCacheFilters: string[];
  pull: boolean;
  provenance?: string;
  sbom?: string;
  attests: string[];
  addHosts: string[];
  shmSize?: string;
  ulimit: string[];
  cgroupParent?: string;
  call?: string;
  network?: string;
  allow: string[];
  builder?: string;
  cache: CacheInputs;
  report: ReportSettings;
  githubToken?: string;
  retry: RetryInputs;
  /** A pinned buildx release to download and run instead of the runner's. */
  buildxPin?: ReleasePin;
  signing: SigningInputs;
  release: ReleaseInputs;
  fanOut: FanOutInputs;
  qemu: QemuInputs;
  /** How to create a builder; only used when `builder` is empty. */
  setup: BuilderInputs;
  /** The workflow run: provenance builder id, repository visibility, the default Git context. */
  github: GithubRun;
}

/** Platforms a node of the builder the action creates builds natively (the first it declares). */
export function nativePlatforms(inputs: Inputs): string[] {
  if (inputs.builder) return [];
  return (inputs.setup.nodes ?? []).flatMap((n) => n.platforms.slice(0, 1));
}
