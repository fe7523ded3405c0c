// `mode: merge`: assembles the legs' images into one index for every tag, and never publishes a
// partial one: every source is resolved and the platforms checked before anything is created;
// afterwards every tag is read back and verified.
import { info } from '@actions/core';
import { runRetried } from '../buildx/run-retried.js';
import type { RegistryQuestions } from '../buildx/attempt-watch.js';
import type { RetryInputs } from '../shared/inputs-types.js';
import { type FetchedManifest, RegistryError, type RegistryClient } from '../registry/client.js';
import { isIndex, platformDigests } from '../registry/manifests.js';
import { parseReference, repositoryOf } from '../shared/reference.js';
import { readServed } from '../registry/served-image.js';
import type { Buildx } from '../buildx/command.js';
import { errorMessage } from '../shared/errors.js';
import { withRetries } from '../runtime/retry.js';

export interface ResolvedSource {
  source: string;
  /** The source pinned to its digest, so a moving tag cannot change under the merge. */
  pinned: string;
  /** Platform -> manifest digest. */
  platforms: Record<string, string>;
}

export async function resolveSource(source: string, client: RegistryClient): Promise<ResolvedSource> {
  const ref = parseReference(source);
  const served = await readServed(client, ref, source);
  return { source, pinned: `${repositoryOf(ref)}@${served.digest}`, platforms: served.platforms };
}

/** What keeps the sources from making exactly the expected platforms. */
export function coverageProblem(
  expected: readonly string[],
  resolved: readonly ResolvedSource[],
): string | undefined {
  const from = new Map<string, string[]>();
  for (const r of resolved) {
    for (const p of Object.keys(r.platforms)) from.set(p, [...(from.get(p) ?? []), r.source]);
  }
  const missing = expected.filter((p) => !from.has(p));
  const twice = [...from].filter(([, s]) => s.length > 1)
    .map(([p, s]) => `${p} (in ${s.join(' and ')})`);
  const extra = [...from.keys()].filter((p) => !expected.includes(p));
  const problems = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    twice.length ? `twice: ${twice.join(', ')}` : '',
    extra.length ? `not expected: ${extra.join(', ')}` : '',
  ].filter(Boolean);
  return problems.length ? problems.join('; ') : undefined;
}

export function imagetoolsArgv(
  tags: readonly string[],
  annotations: readonly string[],
  pinned: readonly string[],
): string[] {
  return ['imagetools', 'create', ...tags.flatMap((t) => ['--tag', t]),
    ...annotations.flatMap((a) => ['--annotation', a]), ...pinned];
}

export interface MergeRequest {
  tags: string[];
  platforms: string[];
  sources: string[];
  annotations: string[];
  retry: RetryInputs;
  /** Environment `imagetools` needs, e.g. SSL_CERT_FILE for `registry-ca`. */
  env: Record<string, string>;
  /** Asks a registry that rate-limits how long to wait. */
  ask?: RegistryQuestions;
  /** The job was cancelled. */
  signal?: AbortSignal;
  /** A last check of the sources, pinned by digest, before anything is created (their signatures). */
  checkSources?: (pinned: string[]) => Promise<void>;
}

export interface Merged {
  digest: string;
  digests: Record<string, string>;
}

export async function mergeIndex(buildx: Buildx, req: MergeRequest, client: RegistryClient): Promise<Merged> {
  const resolve = (s: string): Promise<ResolvedSource> => resolveSource(s, client).catch((error: unknown) => {
    throw new Error(`source ${s} cannot be read: ${errorMessage(error)}`, { cause: error });
  });
  const resolved = await Promise.all([...new Set(req.sources)].map(resolve));
  const problem = coverageProblem(req.platforms, resolved);
  if (problem) {
    throw new Error(`the sources do not make ${req.platforms.join(', ')}: ${problem}; nothing was pushed`);
  }
  await req.checkSources?.(resolved.map((r) => r.pinned));
  const want: Record<string, string> = Object.assign({}, ...resolved.map((r) => r.platforms));
  info(`merging ${resolved.map((r) => r.pinned).join(', ')} into ${req.tags.join(', ')}`);
  const argv = imagetoolsArgv(req.tags, req.annotations, resolved.map((r) => r.pinned));
  await runRetried(buildx, { argv, env: req.env }, req.retry,
    { what: 'buildx imagetools create', ask: req.ask, signal: req.signal });
  return verify(req.tags, want, client);
}

/**
 * Reads every tag back in one wave: the first tag's index, with exactly the wanted platform
 * manifests, and every other tag's digest (HEAD), the same index.
 */
async function verify(
  tags: readonly string[],
  want: Record<string, string>,
  client: RegistryClient,
): Promise<Merged> {
  const [first = '', ...others] = tags;
  const [index, ...digests] = await Promise.all([
    readBack(() => client.manifest(parseReference(first))),
    ...others.map((t) => readBack(() => client.manifestDigest(parseReference(t)))),
  ]);
  const problem = verificationProblem(first, index, want, others, digests);
  if (problem) throw new Error(problem);
  return { digest: index.digest, digests: want };
}

/** What makes the tags not serve the merged index: another digest, or other platforms. */
export function verificationProblem(
  first: string,
  index: FetchedManifest,
  want: Record<string, string>,
  others: readonly string[],
  digests: readonly string[],
): string | undefined {
  const differ = digests.findIndex((d) => d !== index.digest);
  if (differ >= 0) return `${others[differ]} serves ${digests[differ]}, ${first} serves ${index.digest}`;
  const got = isIndex(index.mediaType, index.json) ? platformDigests(index.json) : {};
  const sorted = (o: Record<string, string>): string => JSON.stringify(Object.entries(o).sort());
  if (sorted(got) !== sorted(want)) {
    return `${first} does not serve the merged platforms: got ${sorted(got)}, want ${sorted(want)}`;
  }
  return undefined;
}

/** A registry may answer 404 for a moment after a push (eventual consistency): bounded retries. */
function readBack<T>(read: () => Promise<T>): Promise<T> {
  return withRetries(
    { attempts: Infinity, firstDelayMs: 500, maxDelayMs: 4000, deadlineMs: 30_000 },
    read,
    (error): error is RegistryError => error instanceof RegistryError && error.status === 404,
  );
}
