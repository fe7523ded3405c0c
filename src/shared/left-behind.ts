// What a build leaves for its users besides the image: its Dockerfile check warnings and its build
// record. checks/ and build-record/ fill these in; report/ shows them.

/** A check warning as a GitHub annotation: placed on the Dockerfile's line when it can be. */
export interface CheckAnnotation {
  title: string;
  message: string;
  file?: string;
  startLine?: number;
}

/** GitHub shows at most this many warning annotations per step; the log keeps them all. */
export const SHOWN_PER_STEP = 10;

/** The Dockerfile checks' warnings of the build. */
export interface ChecksSeen {
  /** Warnings, each once (not once per platform). */
  count: number;
  /** Whether they became annotations here (DOCKER_BUILD_CHECKS_ANNOTATIONS; legs leave them to the merge). */
  annotated: boolean;
  /** Who annotates them instead, when not this step. */
  annotatedBy?: string;
}

/** The build record (`buildx history export`): a `.dockerbuild` file Docker Desktop's Builds view opens. */
export interface BuildRecord {
  /** Where the file is on the runner (it stays there for the rest of the job). */
  path: string;
  bytes: number;
  /** How many builds (attempts) it holds. */
  builds: number;
  /** The workflow artifact, when uploaded. */
  artifact?: { id: number; url: string };
  /** Why it was not uploaded, when it was not. */
  notUploaded?: string;
}

/** The build cache a build used, and what it did with it. */
export interface CacheOutcome {
  /** gha, registry, yours (`cache-from`/`cache-to`) or none. */
  kind: string;
  /** The gha scope or the registry reference. */
  name?: string;
  why: string;
  /** `N of M steps from the cache`, or why nothing was read. */
  read: string;
  /** `written`, or why not. */
  wrote: string;
}

/** What a build left for its users besides the image, filled in as it is made (a failed build's too). */
export interface LeftBehind {
  cache?: CacheOutcome;
  checks?: ChecksSeen;
  record?: BuildRecord;
}
