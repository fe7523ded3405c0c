// Signs what this step published, by digest and never by tag (a tag can move between the push and
// the signature), then verifies every digest with the key or identity that must hold: the step
// fails when a signature does not verify. The same verification is the merge's gate on its sources.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signArgv, verifyArgv, verifyCommand, type CosignOptions, type PrivateSigstore, type Signer } from '../cosign/argv.js';
import { cosignError, runCosign, type Cosign } from '../cosign/command.js';
import { signatureRef, type SignedImage } from '../cosign/signed.js';
import type { CommandResult } from '../runtime/run-command.js';
import { withRetries } from '../runtime/retry.js';
import { withFix } from '../shared/errors.js';
import type { SigstoreInstance } from '../shared/inputs-types.js';
import { isLoopback, parseReference, repositoryOf } from '../shared/reference.js';
import { requestIdToken } from '../sigstore/id-token.js';
import { signingConfigFor } from '../sigstore/instance.js';
import { serviceFailure, type ServiceFailure } from '../sigstore/service-failure.js';
import { probeServices } from '../sigstore/service-probe.js';
import type { SigningPlan } from './plan.js';

export interface SigningContext {
  cosign: Cosign;
  plan: SigningPlan;
  workDir: string;
  /** Environment cosign needs besides the runner's: SSL_CERT_FILE for `registry-ca`. */
  env: Record<string, string>;
  /** The `insecure-registries`: plain HTTP, as for buildx. */
  insecure: readonly string[];
}

const KEY_FIX = 'check the key and its password (the COSIGN_PASSWORD environment variable of the step)';
/** Attempts of one `cosign sign` when a Sigstore service fails transiently, and the first pause. */
const SIGN_ATTEMPTS = 3;
const SIGN_PAUSE_MS = 1000;

const signers = new WeakMap<SigningContext, Promise<Signer>>();

/** A file only cosign reads, in the step's own cosign folder. */
function privateFile(ctx: SigningContext, name: string, content: string): string {
  const dir = join(ctx.workDir, 'cosign');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/**
 * The signer as cosign takes it: a PEM key written once to a file only cosign reads; keyless, a
 * fresh token of the job (the one asked for before the build may have expired) in such a file.
 */
function signerOf(ctx: SigningContext): Promise<Signer> {
  let signer = signers.get(ctx);
  if (!signer) {
    signer = (async (): Promise<Signer> => {
      const { plan, cosign } = ctx;
      if (plan.signer.kind === 'keyless') {
        const token = await requestIdToken();
        return { ...plan.signer, tokenFile: privateFile(ctx, 'identity-token', token.value) };
      }
      if (!plan.pemKey) return plan.signer;
      const key = privateFile(ctx, 'cosign.key', plan.pemKey);
      const publicKey = join(ctx.workDir, 'cosign', 'cosign.pub');
      const res = await runCosign(cosign, ['public-key', '--key', key, '--outfile', publicKey],
        { env: envOf(ctx) });
      if (res.exitCode !== 0) {
        throw new Error(withFix(`cosign cannot read sign-key: ${cosignError(res)}`, KEY_FIX));
      }
      return { kind: 'key', key, publicKey };
    })();
    signers.set(ctx, signer);
  }
  return signer;
}

/** The trusted root as cosign reads it: the file given, or the JSON given written to one. */
function trustedRootFile(ctx: SigningContext, root: SigstoreInstance['trustedRoot']):
  Pick<PrivateSigstore, 'trustedRoot' | 'trustedRootShown'> {
  if (!root) return {};
  if ('file' in root) return { trustedRoot: root.file };
  return { trustedRoot: privateFile(ctx, 'trusted_root.json', root.content), trustedRootShown: 'trusted_root.json' };
}

const sigstores = new WeakMap<SigningContext, PrivateSigstore | undefined>();

/** A private Sigstore as files: its signing config (without the logs when tlog is off), its root. */
function sigstoreOf(ctx: SigningContext): PrivateSigstore | undefined {
  if (!sigstores.has(ctx)) {
    const instance = ctx.plan.sigstore;
    const config = instance?.signingConfig;
    sigstores.set(ctx, instance && {
      ...(config ? { signingConfig: privateFile(ctx, 'signing_config.json',
        JSON.stringify(signingConfigFor(config, ctx.plan.tlog))) } : {}),
      ...trustedRootFile(ctx, instance.trustedRoot),
      noCtLog: instance.noCtLog,
    });
  }
  return sigstores.get(ctx);
}

/** `forSigning`: with the signer's files (a verify needs neither the key nor a token). */
async function optionsFor(ctx: SigningContext, registry: string, forSigning: boolean):
  Promise<CosignOptions> {
  const plainHttp = isLoopback(registry) || ctx.insecure.includes(registry);
  const signer = forSigning || ctx.plan.signer.kind === 'key' ? await signerOf(ctx) : ctx.plan.signer;
  const sigstore = sigstoreOf(ctx);
  return { signer, tlog: ctx.plan.tlog, signingConfig: ctx.cosign.signingConfig, plainHttp,
    ...(sigstore ? { sigstore } : {}) };
}

/**
 * The Sigstore service a failed sign names and why; when cosign's line does not say how it failed
 * (a lost answer, no status), the instance's services are asked which one does not answer.
 */
async function failedService(ctx: SigningContext, res: CommandResult): Promise<ServiceFailure> {
  const config = ctx.plan.sigstore?.signingConfig;
  const failure = serviceFailure(cosignError(res), config);
  if (!config || (failure.service && !failure.vague)) return failure;
  return (await probeServices(config)) ?? failure;
}

const PUBLIC_URL: Record<string, string> = { Fulcio: 'https://fulcio.sigstore.dev', Rekor: 'https://rekor.sigstore.dev' };

/** The one line of a signing failure: the Sigstore service, its URL, why, and what to do. */
function signFailure(ref: string, f: ServiceFailure, attempts: number, signer: Signer): string {
  const keyless = signer.kind === 'keyless';
  const at = f.service ? ` at ${f.url ?? PUBLIC_URL[f.service] ?? 'its URL'}` : '';
  const tries = attempts > 1 ? `, after ${attempts} attempts` : '';
  const refused = f.service === 'Fulcio' && f.status !== undefined && f.status < 500;
  const what = refused ? `Fulcio${at} refused the job's OIDC token (${f.reason})`
    : f.service ? `${f.service}${at} ${f.status ? 'failed' : f.network ? 'could not be reached'
      : 'answered, but it does not hold against sigstore-trusted-root'} (${f.reason}${tries})`
      : `cosign: ${f.reason}${tries}`;
  const fix = refused
    ? `the Sigstore instance must accept tokens of ${keyless ? signer.issuer : 'this issuer'} as GitHub workflow ` +
      'tokens for audience sigstore (its OIDCIssuers)'
    : f.service === 'Rekor'
      ? 'check the transparency log the signing config names (rekorTlogUrls), or sign without it ' +
        '(`sign-tlog: false`, a private repository\'s default)'
      : f.service ? `check that ${f.service} is up and reachable from the runner (the signing config's URL)`
        : keyless ? 'the job needs `permissions: id-token: write`' : KEY_FIX;
  return withFix(`signing ${ref}${keyless ? ' keyless' : ''} failed: ${what}; no signature was stored for it`, fix);
}

/** `cosign sign`, again after a transient failure of a Sigstore service (5xx, a lost connection). */
class SignFailed extends Error {
  constructor(readonly failure: ServiceFailure, readonly attempt: number) {
    super(failure.reason);
  }
}

async function signRetried(ctx: SigningContext, ref: string, opts: CosignOptions, recursive: boolean):
  Promise<void> {
  const argv = signArgv(ref, opts, recursive);
  const sign = async (attempt: number): Promise<void> => {
    const res = await runCosign(ctx.cosign, argv, { env: envOf(ctx), stream: true });
    if (res.exitCode !== 0) throw new SignFailed(await failedService(ctx, res), attempt);
  };
  // A Sigstore service's transient failure (5xx, a lost connection) may pass; nothing else does.
  const mayPass = (error: unknown): error is SignFailed =>
    error instanceof SignFailed && !!error.failure.service && error.failure.transient;
  await withRetries({ attempts: SIGN_ATTEMPTS, firstDelayMs: SIGN_PAUSE_MS }, sign, mayPass)
    .catch((error: unknown) => {
      if (!(error instanceof SignFailed)) throw error;
      throw new Error(signFailure(ref, error.failure, error.attempt, opts.signer));
    });
}

const envOf = (ctx: SigningContext): NodeJS.ProcessEnv => ({ ...process.env, ...ctx.env });

/**
 * Signs `repo@digests[0]` and every manifest of it, then verifies each of `digests`. Recording in
 * a transparency log, with the index's manifests known (`children`), each is signed by a cosign of
 * its own, all at once: a log that publishes a checkpoint every so often (Rekor v2) then takes one
 * wait for all of them, where `--recursive` waits once per manifest. Else one cosign walks the
 * index itself: one key decryption, one certificate for all.
 */
export async function signImage(
  ctx: SigningContext,
  repo: string,
  digests: readonly string[],
  children?: readonly string[],
): Promise<SignedImage> {
  const [top = ''] = digests;
  const opts = await optionsFor(ctx, parseReference(repo).registry, true);
  if (children && ctx.plan.tlog) {
    await signEach(ctx, repo, [top, ...children], opts);
  } else {
    await signRetried(ctx, `${repo}@${top}`, opts, true);
  }
  const failed = await unverified(ctx, opts, digests.map((d) => `${repo}@${d}`));
  if (failed.length > 0) {
    throw new Error(`the signature does not verify for ${failed.join('; ')}: the image is pushed, but not as signed`);
  }
  const shown = ctx.plan.signer.kind === 'key' && ctx.plan.pemKey ? 'cosign.pub' : '';
  return {
    signatures: Object.fromEntries(digests.map((d) => [`${repo}@${d}`, signatureRef(repo, d, ctx.cosign.signingConfig)])),
    verifyCommands: digests.map((d) => verifyCommand(`${repo}@${d}`, opts, shown)),
  };
}

/** At most this many cosigns at once (an index of many platforms has twice as many manifests). */
const SIGNING_AT_ONCE = 6;

/** Signs each manifest by a cosign of its own, all settled before a failure is told. */
async function signEach(ctx: SigningContext, repo: string, digests: readonly string[], opts: CosignOptions):
  Promise<void> {
  const queue = [...digests];
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
      await signRetried(ctx, `${repo}@${d}`, opts, false).catch((error: unknown) => void failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGNING_AT_ONCE, digests.length) }, worker));
  const [first] = failures;
  if (first === undefined) return;
  const signed = digests.length - failures.length;
  if (signed === 0 || !(first instanceof Error)) throw first;
  throw new Error(`${first.message} (${signed} of ${digests.length} manifests of the image were signed; ` +
    'the image is not signed as a whole)');
}

/** Each reference whose signature does not verify, with cosign's reason. */
async function unverified(ctx: SigningContext, opts: CosignOptions, refs: readonly string[]):
  Promise<string[]> {
  const results = await Promise.all(refs.map((r) =>
    runCosign(ctx.cosign, verifyArgv(r, opts), { env: envOf(ctx) })));
  return results.flatMap((res, i) => (res.exitCode === 0 ? [] : [`${refs[i]} (${cosignError(res)})`]));
}

/**
 * The merge's gate: every source (pinned by digest) carries a valid signature of the key or the
 * identity this step signs with; throws naming each that does not.
 */
export async function verifySources(ctx: SigningContext, pinned: readonly string[]): Promise<void> {
  const byRegistry = new Map<string, string[]>();
  for (const p of pinned) {
    const registry = parseReference(p).registry;
    byRegistry.set(registry, [...(byRegistry.get(registry) ?? []), p]);
  }
  const failed = (await Promise.all([...byRegistry].map(async ([registry, refs]) =>
    unverified(ctx, await optionsFor(ctx, registry, false), refs)))).flat();
  if (failed.length > 0) {
    const who = ctx.plan.signer.kind === 'key' ? 'the key' : ctx.plan.signer.identity;
    throw new Error(withFix(`verify-sources: no valid signature of ${who} on ${failed.join('; ')}; ` +
      'nothing was pushed',
      'merge only legs this workflow built and signed (sign on the legs), or set verify-sources: false'));
  }
}

/**
 * Signs a published image in every repository a name of it is in: the top digest and each
 * manifest of it (`children`, when read back; else cosign's `--recursive` finds them).
 */
export async function signPublished(
  ctx: SigningContext,
  names: readonly string[],
  digest: string,
  platforms: Record<string, string>,
  children?: readonly string[],
): Promise<SignedImage> {
  const repositories = [...new Set(names.map((n) => repositoryOf(parseReference(n))))];
  const digests = [...new Set([digest, ...Object.values(platforms)])];
  const signed = [];
  for (const repo of repositories) signed.push(await signImage(ctx, repo, digests, children));
  return {
    signatures: Object.assign({}, ...signed.map((s) => s.signatures)) as Record<string, string>,
    verifyCommands: signed.flatMap((s) => s.verifyCommands),
  };
}
