// A Sigstore instance other than the public one (GitHub Enterprise Server, an air-gapped
// registry's own): the services to sign with and the trusted root to verify against. Read from
// the signing inputs once; cosign gets a signing config written from it and the trusted root.
import { readFileSync } from 'node:fs';
import type { ServiceUrl, SigningConfig } from '../shared/inputs-types.js';

export const TRUSTED_ROOT_TYPE = 'application/vnd.dev.sigstore.trustedroot+json';
export const SIGNING_CONFIG_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';

/** A problem with a file's content, as an input error's text (completing `Input X: "FILE" ...`). */
export class InstanceFileProblem extends Error {}

/** The document given inline (a value starting with `{`), else read from the file it names. */
export const isInline = (value: string): boolean => value.trimStart().startsWith('{');

function readJson(fileOrJson: string): Record<string, unknown> {
  let text = fileOrJson;
  if (!isInline(fileOrJson)) {
    try {
      text = readFileSync(fileOrJson, 'utf8');
    } catch {
      throw new InstanceFileProblem('cannot be read');
    }
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON
  }
  throw new InstanceFileProblem('is not a JSON object');
}

const listed = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0;

/** Reads a trusted_root.json: its media type and at least one certificate authority. */
export function readTrustedRoot(file: string): { noCtLog: boolean } {
  const root = readJson(file);
  if (typeof root.mediaType !== 'string' || !root.mediaType.startsWith(TRUSTED_ROOT_TYPE)) {
    throw new InstanceFileProblem(`is not a Sigstore trusted root (mediaType ${TRUSTED_ROOT_TYPE};version=0.1)`);
  }
  if (!listed(root.certificateAuthorities)) {
    throw new InstanceFileProblem('lists no certificate authority (certificateAuthorities)');
  }
  return { noCtLog: !listed(root.ctlogs) };
}

/** Reads a signing config (v0.2): its media type and at least one certificate authority URL. */
export function readSigningConfig(file: string): SigningConfig {
  const config = readJson(file);
  if (config.mediaType !== SIGNING_CONFIG_TYPE) {
    throw new InstanceFileProblem(`is not a Sigstore signing config (mediaType ${SIGNING_CONFIG_TYPE})`);
  }
  if (!listed(config.caUrls)) throw new InstanceFileProblem('lists no certificate authority (caUrls)');
  return { rekorTlogUrls: [], tsaUrls: [], ...config } as unknown as SigningConfig;
}

/** A signing config for a Fulcio and a Rekor (v1 API) given by URL. */
export function configFromUrls(fulcioUrl?: string, rekorUrl?: string): SigningConfig {
  const service = (url: string): ServiceUrl => ({ url, majorApiVersion: 1, validFor: { start: '1970-01-01T00:00:00Z' } });
  return {
    mediaType: SIGNING_CONFIG_TYPE,
    caUrls: fulcioUrl ? [service(fulcioUrl)] : [],
    rekorTlogUrls: rekorUrl ? [service(rekorUrl)] : [],
    tsaUrls: [],
    rekorTlogConfig: { selector: 'ANY' },
    tsaConfig: { selector: 'ANY' },
  };
}

/**
 * The signing config cosign gets: the instance's, without its transparency logs when this step
 * records nothing there (a private repository's names stay out of the log; the timestamp
 * authorities stay, so the signature still verifies after the certificate's ten minutes).
 */
export function signingConfigFor(config: SigningConfig, tlog: boolean): SigningConfig {
  return tlog ? config : { ...config, rekorTlogUrls: [] };
}
