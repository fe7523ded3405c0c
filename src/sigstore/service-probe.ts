// When cosign's line names no service (sigstore-go's retry of an error answer ends in "read on
// closed response body"), the instance's services are asked once each, cheaply: the first that
// answers 5xx or not at all is the one that failed.
import type { SigningConfig } from '../shared/inputs-types.js';
import { configuredUrl, type ServiceFailure, type SigstoreService } from './service-failure.js';

const PROBES: [SigstoreService, string][] = [
  ['Fulcio', '/api/v2/configuration'], ['Rekor', '/healthz'], ['the timestamp authority', '/certchain'],
];

const CODES: Record<string, string> = { ECONNREFUSED: 'connection refused', ECONNRESET: 'connection reset by peer',
  ENOTFOUND: 'no such host', ETIMEDOUT: 'timed out', UND_ERR_CONNECT_TIMEOUT: 'timed out' };

/** A fetch failure in the words cosign uses for the same ones. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  return (code && CODES[code]) ?? code ?? (error as Error).message;
}

export async function probeServices(config: SigningConfig): Promise<ServiceFailure | undefined> {
  for (const [service, path] of PROBES) {
    const url = configuredUrl(service, config);
    if (!url) continue;
    try {
      const res = await fetch(`${url.replace(/\/$/, '')}${path}`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status >= 500) return { service, url, status: res.status, reason: `HTTP ${res.status}`, transient: true };
    } catch (error) {
      return { service, url, reason: networkReason(error), transient: true, network: true };
    }
  }
  return undefined;
}
