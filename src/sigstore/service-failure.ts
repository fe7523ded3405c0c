// Which Sigstore service a failed `cosign sign` was talking to, and why, from cosign's own error
// line (texts of cosign 3.1 with sigstore-go, captured against the bed's Fulcio, Rekor v2 and
// timestamp authority): a refused or unreachable service is named with its URL and the fix, and
// whether asking again may help (5xx, 429, a refused or reset connection, a timeout).
import type { SigningConfig } from '../shared/inputs-types.js';

export type SigstoreService = 'Fulcio' | 'Rekor' | 'the timestamp authority';

export interface ServiceFailure {
  service?: SigstoreService;
  /** The service's URL, when cosign's line or the instance names it. */
  url?: string;
  /** Why, shortly: `HTTP 503`, `connection refused`, Fulcio's message. */
  reason: string;
  /** HTTP status, when one is known. */
  status?: number;
  /** A network failure or a 5xx/429: worth another attempt. */
  transient: boolean;
  /** The service was not reached, or its answer was lost. */
  network?: boolean;
  /** cosign's line does not say how the service failed (an error answer it lost while retrying). */
  vague?: boolean;
}

const NETWORK = /connect: (connection refused|connection reset by peer|no route to host|network is unreachable)|(i\/o timeout|context deadline exceeded|EOF|read on closed response body|connection reset by peer|TLS handshake timeout)/;

function serviceOf(line: string): SigstoreService | undefined {
  if (/Fulcio returned|\/api\/v[12]\/signingCert|fulcio/i.test(line)) return 'Fulcio';
  if (/rekor|\/api\/v[12]\/log\/entries|tlog|log inclusion|checkpoint/i.test(line)) return 'Rekor';
  if (/\/api\/v1\/timestamp|timestamp/i.test(line)) return 'the timestamp authority';
  return undefined;
}

/** The JSON `message` of a gRPC-gateway error body, else the text as it is. */
function bodyMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return body.trim();
}

/** The URL of the service `service` in the instance's signing config. */
export function configuredUrl(service: SigstoreService, config?: SigningConfig): string | undefined {
  if (!config) return undefined;
  const list = service === 'Fulcio' ? config.caUrls : service === 'Rekor' ? config.rekorTlogUrls : config.tsaUrls;
  return list[0]?.url;
}

export function serviceFailure(line: string, config?: SigningConfig): ServiceFailure {
  const service = serviceOf(line);
  const posted = /(?:Post|Get) "([^"]+)"/.exec(line)?.[1];
  const url = posted ? posted.replace(/\/api\/v\d\/.*$/, '') : service ? configuredUrl(service, config) : undefined;
  const returned = /(?:returned|unexpected response:) (\d{3}):? ?(.*)$/.exec(line);
  if (returned) {
    const status = Number(returned[1]);
    const message = bodyMessage(returned[2] ?? '');
    return { service, url, status, reason: `HTTP ${status}${message ? `: ${message}` : ''}`,
      transient: status >= 500 || status === 429 };
  }
  const network = NETWORK.exec(line);
  if (network) {
    const what = network[1] ?? network[2] ?? '';
    const vague = what === 'read on closed response body';
    return { service, url, reason: vague ? 'its answer was an error, then cut off' : what, transient: true,
      network: true, ...(vague ? { vague } : {}) };
  }
  // Past the service's own words: what cosign made of the answer (cosign's wrapping left out).
  return { service, url, reason: line.replace(/^.*?error signing bundle: /, ''), transient: false };
}
