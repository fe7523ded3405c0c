// Keyless signing's identity, from the job's own OIDC token, asked for before anything is built:
// a job that may not mint one, or a runner whose token endpoint fails, stops here with nothing
// pushed. The certificate Fulcio issues names `https://github.com/` + the token's
// job_workflow_ref (a reusable workflow's own) and the token's issuer (GitHub's, or a GitHub
// Enterprise Server's): that is what every signature is verified against, unless `sign-identity`
// says otherwise.
import { withFix } from '../shared/errors.js';
import { requestIdToken } from '../sigstore/id-token.js';
import type { SigningPlan } from './plan.js';

/** Fulcio's SAN for a GitHub workflow: its fixed base and the job's workflow ref. */
export const FULCIO_WORKFLOW_BASE = 'https://github.com/';

export async function withJobIdentity(plan: SigningPlan, identityGiven: boolean,
  env: NodeJS.ProcessEnv = process.env): Promise<SigningPlan> {
  if (plan.signer.kind !== 'keyless') return plan;
  const token = await requestIdToken(env);
  const identity = identityGiven || !token.jobWorkflowRef ? plan.signer.identity
    : `${FULCIO_WORKFLOW_BASE}${token.jobWorkflowRef}`;
  if (!identity) {
    throw new Error(withFix('keyless signing cannot tell which identity to verify: the job\'s token has no ' +
      'job_workflow_ref and GITHUB_WORKFLOW_REF is not set', 'give `sign-identity`'));
  }
  return { ...plan, signer: { kind: 'keyless', identity, issuer: token.issuer } };
}
