// Signs what this step published, by digest and never by tag (a tag can move between the push and
// the signature), then verifies every digest with the key or identity that must hold: the step
// fails when a signature does not verify. The same verification is the merge's gate on its sources.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signArgv, verifyArgv, verifyCommand, type CosignOptions, type Signer } from '../cosign/argv.js';
import { cosignError, runCosign, type Cosign } from '../cosign/command.js';
import { signatureRef, type SignedImage } from '../cosign/signed.js';
import { withFix } from '../shared/errors.js';
import { isLoopback, parseReference, repositoryOf } from '../shared/reference.js';
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

const signers = new WeakMap<SigningContext, Promise<Signer>>();

/** The signer as cosign takes it: a PEM key written once to a file only cosign reads. */
function signerOf(ctx: SigningContext): Promise<Signer> {
  let signer = signers.get(ctx);
  if (!signer) {
    signer = (async (): Promise<Signer> => {
      const { plan, cosign } = ctx;
      if (!plan.pemKey || plan.signer.kind !== 'key') return plan.signer;
      const dir = join(ctx.workDir, 'cosign');
      const key = join(dir, 'cosign.key');
      const publicKey = join(dir, 'cosign.pub');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(key, plan.pemKey, { mode: 0o600 });
      chmodSync(key, 0o600);
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

async function optionsFor(ctx: SigningContext, registry: string): Promise<CosignOptions> {
  const plainHttp = isLoopback(registry) || ctx.insecure.includes(registry);
  const signer = await signerOf(ctx);
  return { signer, tlog: ctx.plan.tlog, signingConfig: ctx.cosign.signingConfig, plainHttp };
}

const envOf = (ctx: SigningContext): NodeJS.ProcessEnv => ({ ...process.env, ...ctx.env });

/** Signs `repo@digests[0]` (and with it every manifest of an index), then verifies each digest. */
export async function signImage(
  ctx: SigningContext,
  repo: string,
  digests: readonly string[],
): Promise<SignedImage> {
  const [top = ''] = digests;
  const opts = await optionsFor(ctx, parseReference(repo).registry);
  const ref = `${repo}@${top}`;
  const res = await runCosign(ctx.cosign, signArgv(ref, opts), { env: envOf(ctx), stream: true });
  if (res.exitCode !== 0) {
    throw new Error(withFix(`signing ${ref} failed: ${cosignError(res)}`,
      ctx.plan.signer.kind === 'key' ? KEY_FIX : 'the job needs `permissions: id-token: write`'));
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
    unverified(ctx, await optionsFor(ctx, registry), refs)))).flat();
  if (failed.length > 0) {
    const who = ctx.plan.signer.kind === 'key' ? 'the key' : ctx.plan.signer.identity;
    throw new Error(withFix(`verify-sources: no valid signature of ${who} on ${failed.join('; ')}; ` +
      'nothing was pushed',
      'merge only legs this workflow built and signed (sign on the legs), or set verify-sources: false'));
  }
}

/** Signs a published image in every repository a name of it is in: the top digest and each platform's. */
export async function signPublished(
  ctx: SigningContext,
  names: readonly string[],
  digest: string,
  platforms: Record<string, string>,
): Promise<SignedImage> {
  const repositories = [...new Set(names.map((n) => repositoryOf(parseReference(n))))];
  const digests = [...new Set([digest, ...Object.values(platforms)])];
  const signed = [];
  for (const repo of repositories) signed.push(await signImage(ctx, repo, digests));
  return {
    signatures: Object.assign({}, ...signed.map((s) => s.signatures)) as Record<string, string>,
    verifyCommands: signed.flatMap((s) => s.verifyCommands),
  };
}
