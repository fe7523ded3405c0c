// Whether and how this step signs, decided from the inputs and the runner before anything runs:
// a `sign: true` that cannot sign fails before a build starts. Keyless needs the job's OIDC token
// (`permissions: id-token: write` gives ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN, which cosign reads
// itself); its certificate names this workflow file at this ref, which is what verifying demands.
// The transparency log, as docker/github-builder has it: on for public repositories, off for
// private ones (whose names a public log would publish).
import type { Signer } from '../cosign/argv.js';
import type { Cosign } from '../cosign/command.js';
import { InputError, withFix } from '../shared/errors.js';
import type { GithubRun } from '../shared/github-run.js';
import type { SigningInputs, SigstoreInstance } from '../shared/inputs-types.js';
import { canMintToken } from '../sigstore/id-token.js';

export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

export interface SigningPlan {
  signer: Signer;
  tlog: boolean;
  /** The PEM key to write to a file (never on argv); undefined for a KMS URI or keyless. */
  pemKey?: string;
  /** A private Sigstore; undefined: the public one. */
  sigstore?: SigstoreInstance;
}

/** The certificate identity of this workflow at this ref, as Fulcio issues it for GitHub. */
export function workflowIdentity(env: NodeJS.ProcessEnv): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF;
  return ref ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${ref}` : undefined;
}

/** undefined: this step signs nothing. */
export function signingPlan(
  signing: SigningInputs,
  github: GithubRun,
  env: NodeJS.ProcessEnv,
  pushes: boolean,
): SigningPlan | undefined {
  if (signing.mode === 'false' || (!pushes && !signing.verifySources)) return undefined;
  const tlog = signing.tlog === 'auto' ? !github.privateRepo : signing.tlog === 'true';
  const sigstore = signing.sigstore ? { sigstore: signing.sigstore } : {};
  if (signing.key) {
    const pem = signing.key.startsWith('-----');
    return pem ? { signer: { kind: 'key', key: 'cosign.key', publicKey: 'cosign.pub' }, tlog, pemKey: signing.key, ...sigstore }
      : { signer: { kind: 'key', key: signing.key, publicKey: signing.key }, tlog, ...sigstore };
  }
  if (canMintToken(env)) {
    // The job's token says who it is (withJobIdentity); these hold until it is read.
    const identity = signing.identity ?? workflowIdentity(env) ?? '';
    return { signer: { kind: 'keyless', identity, issuer: GITHUB_OIDC_ISSUER }, tlog, ...sigstore };
  }
  if (signing.mode === 'true' || signing.verifySources) {
    throw new InputError(signing.verifySources ? 'verify-sources' : 'sign', 'true', 'needs a key or an identity: ' +
      'give `sign-key`, or let the job mint an OIDC token (`permissions: id-token: write`) to sign keyless');
  }
  return undefined;
}

/** A private Sigstore's services come to cosign as a signing config, which cosign 3 reads. */
export function checkCosignFor(plan: SigningPlan, cosign: Cosign): void {
  if (plan.sigstore?.signingConfig && !cosign.signingConfig) {
    throw new Error(withFix(`signing with a private Sigstore needs cosign 3 (signing configs), and ${cosign.file} ` +
      'is older', 'pin `cosign-version: v3.1.1` (or newer), or install cosign 3 first'));
  }
}
