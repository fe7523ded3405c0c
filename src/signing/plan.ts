// Whether and how this step signs, decided from the inputs and the runner before anything runs:
// a `sign: true` that cannot sign fails before a build starts. Keyless needs the job's OIDC token
// (`permissions: id-token: write` gives ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN, which cosign reads
// itself); its certificate names this workflow file at this ref, which is what verifying demands.
// The transparency log, as docker/github-builder has it: on for public repositories, off for
// private ones (whose names a public log would publish).
import type { Signer } from '../cosign/argv.js';
import { InputError } from '../shared/errors.js';
import type { GithubRun } from '../shared/github-run.js';
import type { SigningInputs } from '../shared/inputs-types.js';

export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

export interface SigningPlan {
  signer: Signer;
  tlog: boolean;
  /** The PEM key to write to a file (never on argv); undefined for a KMS URI or keyless. */
  pemKey?: string;
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
  if (signing.key) {
    const pem = signing.key.startsWith('-----');
    return pem ? { signer: { kind: 'key', key: 'cosign.key', publicKey: 'cosign.pub' }, tlog, pemKey: signing.key }
      : { signer: { kind: 'key', key: signing.key, publicKey: signing.key }, tlog };
  }
  const identity = signing.identity ?? workflowIdentity(env);
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN && identity) {
    return { signer: { kind: 'keyless', identity, issuer: GITHUB_OIDC_ISSUER }, tlog };
  }
  if (signing.mode === 'true' || signing.verifySources) {
    throw new InputError(signing.verifySources ? 'verify-sources' : 'sign', 'true', 'needs a key or an identity: ' +
      'give `sign-key`, or let the job mint an OIDC token (`permissions: id-token: write`) to sign keyless');
  }
  return undefined;
}
