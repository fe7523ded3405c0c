// The job's OIDC token for Sigstore, asked of the runner as @actions/core asks it
// (ACTIONS_ID_TOKEN_REQUEST_URL + `audience=sigstore`, the request token as a Bearer; the answer
// `{"value": JWT}`), with our own error lines: the token is what Fulcio certifies, so a runner
// that cannot mint one is named before anything is built. The token is masked at once and handed
// to cosign in a file, never on argv.
import { setSecret } from '@actions/core';
import { decodeJwt } from 'jose';
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

/** The endpoint answered, but not with a token: asking again would not help. */
class TokenAnswerError extends Error {}

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

export async function requestIdToken(env: NodeJS.ProcessEnv = process.env, pauseMs = 1000): Promise<IdToken> {
  if (!canMintToken(env)) {
    throw new Error(withFix('keyless signing needs the job\'s OIDC token, and this job may not mint one ' +
      '(no ACTIONS_ID_TOKEN_REQUEST_URL)', PERMISSION_FIX));
  }
  let why = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const { status, body } = await askOnce(env);
      if (status === 200) return parseAnswer(body, env);
      why = `HTTP ${status}${body.trim() ? `: ${body.trim().slice(0, 200).replace(/\s+/g, ' ')}` : ''}`;
      if (!transient(status)) break;
    } catch (error) {
      if (error instanceof TokenAnswerError) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      why = cause?.code ?? cause?.message ?? (error as Error).message;
    }
    if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, pauseMs * attempt));
  }
  throw new Error(withFix(`the job's OIDC token for Sigstore could not be had from ${endpoint(env)} ` +
    `(${why}, after ${ATTEMPTS} tries at most)`, PERMISSION_FIX));
}

function parseAnswer(body: string, env: NodeJS.ProcessEnv): IdToken {
  let value: unknown;
  try {
    value = (JSON.parse(body) as { value?: unknown }).value;
  } catch {
    // below
  }
  if (typeof value !== 'string' || value === '') {
    throw new TokenAnswerError(`the runner's token endpoint ${endpoint(env)} answered without a token ` +
      '(no "value" in its JSON)');
  }
  setSecret(value);
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(value);
  } catch {
    throw new TokenAnswerError(`the runner's token endpoint ${endpoint(env)} answered with a value that is not a JWT`);
  }
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  if (!issuer) throw new TokenAnswerError('the job\'s OIDC token names no issuer (no `iss` claim)');
  const ref = claims.job_workflow_ref;
  return { value, issuer, ...(typeof ref === 'string' && ref ? { jobWorkflowRef: ref } : {}) };
}
