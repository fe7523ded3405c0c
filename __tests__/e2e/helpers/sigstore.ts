// The bed's Sigstore (scripts/bed/sigstore.sh): its Fulcio, Rekor v2, timestamp authority and OIDC
// issuer on loopback, the files a client needs (trusted root, signing config), cosign 3, and the
// runner's token variables for a job of a given repository and workflow.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SIGSTORE_RUN = '/var/lib/multiarch-bed/sigstore/run';

export interface BedSigstore {
  issuer: string;
  tokenUrl: string;
  requestToken: string;
  fulcio: string;
  rekor: string;
  tsa: string;
  trustedRoot: string;
  signingConfig: string;
  rekorLog: string;
  cosign: string;
}

/** The bed's instance, or undefined when the sigstore piece has not run. */
export function bedSigstore(): BedSigstore | undefined {
  const file = join(SIGSTORE_RUN, 'env');
  if (!existsSync(file)) return undefined;
  const env = Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean)
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const get = (k: string): string => env[`SIGSTORE_${k}`] ?? '';
  return {
    issuer: get('ISSUER'), tokenUrl: get('TOKEN_URL'), requestToken: readFileSync(get('REQUEST_TOKEN_FILE'), 'utf8').trim(),
    fulcio: get('FULCIO'), rekor: get('REKOR'), tsa: get('TSA'), trustedRoot: get('TRUSTED_ROOT'),
    signingConfig: get('SIGNING_CONFIG'), rekorLog: get('REKOR_LOG'), cosign: get('COSIGN'),
  };
}

/**
 * The runner's variables of a job with `id-token: write`, its token made by the bed's issuer with
 * these claims (repository, workflow, omit, status: see scripts/bed/oidc-issuer.mjs). TUF_ROOT is
 * an empty folder of the test's own: cosign never asks the public TUF repository.
 */
export function jobTokenEnv(s: BedSigstore, claims: Record<string, string> = {}): Record<string, string> {
  const query = new URLSearchParams({ 'api-version': '2.0', ...claims });
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${s.tokenUrl}?${query.toString()}`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: s.requestToken,
    TUF_ROOT: mkdtempSync(join(tmpdir(), 'mab-tuf-')),
  };
}

/** The identity Fulcio certifies for a workflow of the bed's issuer (its defaults: see the issuer). */
export function workflowIdentity(repository = 'bed-owner/app', workflow = 'release.yml', ref = 'refs/heads/main'): string {
  return `https://github.com/${repository}/.github/workflows/${workflow}@${ref}`;
}

/** The bed's signing config with one service moved (a dead port, a proxy), as a file. */
export function signingConfigWith(s: BedSigstore, change: (c: SigningConfigJson) => void): string {
  const config = JSON.parse(readFileSync(s.signingConfig, 'utf8')) as SigningConfigJson;
  change(config);
  const file = join(mkdtempSync(join(tmpdir(), 'mab-sc-')), 'signing_config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

export interface SigningConfigJson {
  caUrls: { url: string }[];
  rekorTlogUrls: { url: string }[];
  tsaUrls: { url: string }[];
}

/** The number of entries in the bed's Rekor v2 log: the size its latest checkpoint commits to. */
export function rekorLogSize(s: BedSigstore): number {
  const checkpoint = readFileSync(join(s.rekorLog, 'checkpoint'), 'utf8').split('\n');
  return Number(checkpoint[1]);
}
