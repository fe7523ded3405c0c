// The job's OIDC token for Sigstore, asked of the runner as @actions/core asks it
// (ACTIONS_ID_TOKEN_REQUEST_URL + `audience=sigstore`, the request token as a Bearer; the answer
// `{"value": JWT}`), with our own error lines: the token is what Fulcio certifies, so a runner
// that cannot mint one is named before anything is built. The token is masked at once and handed
// to cosign in a file, never on argv.
import { setSecret } from '@actions/core';
import { decodeJwt } from 'jose';
import { withRetries } from '../runtime/retry.js';
import { withFix } from '../shared/errors.js';

export const SIGSTORE_AUDIENCE = 'sigstore';
const ATTEMPTS = 3;
const PERMISSION_FIX = 'give the job `permissions: id-token: write` (a pull request from a fork gets no token: ' +
  'sign on push), or sign with `sign-key`';

export interface IdToken {
  value: string;
  /** The `iss` claim: the issuer a keyless signature is verified against. */
  issuer: string;
  /** `job_workflow_ref`: the workflow (a reusable one's own) Fulcio names in the certificate. */
  jobWorkflowRef?: string;
}

/** Whether the runner can mint a token for this job (`permissions: id-token: write`). */
export function canMintToken(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}

function tokenUrl(env: NodeJS.ProcessEnv): string {
  const base = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '';
  return `${base}${base.includes('?') ? '&' : '?'}audience=${SIGSTORE_AUDIENCE}`;
}

/** Transient answers (5xx, 429, a refused or reset connection) are asked again; others are not. */
const transient = (status: number): boolean => status >= 500 || status === 429;

async function askOnce(env: NodeJS.ProcessEnv): Promise<{ status: number; body: string }> {
  const res = await fetch(tokenUrl(env), {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`, accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: await res.text() };
}

/** The endpoint, without its query (which may carry runner details), for error lines. */
const endpoint = (env: NodeJS.ProcessEnv): string => (env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '').replace(/\?.*$/, '');

/** The endpoint did not answer with a token; `transient`: asking again may help. */
class NoToken extends Error {
  constructor(readonly why: string, readonly transient: boolean) {
    super(why);
  }
}

export async function requestIdToken(env: NodeJS.ProcessEnv = process.env, pauseMs = 1000): Promise<IdToken> {
  if (!canMintToken(env)) {
    throw new Error(withFix('keyless signing needs the job\'s OIDC token, and this job may not mint one ' +
      '(no ACTIONS_ID_TOKEN_REQUEST_URL)', PERMISSION_FIX));
  }
  const ask = async (): Promise<string> => {
    const answer = await askOnce(env).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new NoToken(cause?.code ?? cause?.message ?? (error as Error).message, true);
    });
    if (answer.status === 200) return answer.body;
    const body = answer.body.trim();
    throw new NoToken(`HTTP ${answer.status}${body ? `: ${body.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`,
      transient(answer.status));
  };
  const body = await withRetries({ attempts: ATTEMPTS, firstDelayMs: pauseMs }, ask,
    (error): error is NoToken => error instanceof NoToken && error.transient).catch((error: unknown) => {
    if (!(error instanceof NoToken)) throw error;
    throw new Error(withFix(`the job's OIDC token for Sigstore could not be had from ${endpoint(env)} ` +
      `(${error.why}, after ${ATTEMPTS} tries at most)`, PERMISSION_FIX));
  });
  return parseAnswer(body, env);
}

function parseAnswer(body: string, env: NodeJS.ProcessEnv): IdToken {
  let value: unknown;
  try {
    value = (JSON.parse(body) as { value?: unknown }).value;
  } catch {
    // below
  }
  if (typeof value !== 'string' || value === '') {
    throw new Error(`the runner's token endpoint ${endpoint(env)} answered without a token ` +
      '(no "value" in its JSON)');
  }
  setSecret(value);
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(value);
  } catch {
    throw new Error(`the runner's token endpoint ${endpoint(env)} answered with a value that is not a JWT`);
  }
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  if (!issuer) throw new Error('the job\'s OIDC token names no issuer (no `iss` claim)');
  const ref = claims.job_workflow_ref;
  return { value, issuer, ...(typeof ref === 'string' && ref ? { jobWorkflowRef: ref } : {}) };
}
