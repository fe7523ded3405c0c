// A small HTTP(S) client for registry reads: per-host CA trust (which global fetch cannot take
// per request), unverified TLS for insecure registries, redirects without leaking credentials.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

export interface HttpOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Extra CA certificates (PEM) to trust besides the system's. */
  ca?: string[];
  /** Skip certificate checks (insecure registries only). */
  insecure?: boolean;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function httpGet(url: string, opts: HttpOptions = {}, redirects = 5): Promise<HttpResponse> {
  const res = await once(new URL(url), opts);
  const location = res.headers.location;
  if (res.status >= 300 && res.status < 400 && location && redirects > 0) {
    const next = new URL(location, url);
    const headers = { ...opts.headers };
    // Blob downloads redirect to storage hosts: credentials stay with the registry.
    if (next.host !== new URL(url).host) delete headers.authorization;
    return httpGet(next.toString(), { ...opts, method: 'GET', body: undefined, headers }, redirects - 1);
  }
  return res;
}

function once(url: URL, opts: HttpOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const tls = url.protocol === 'https:'
      ? {
        ca: opts.ca?.length ? [...rootCertificates, ...opts.ca] : undefined,
        rejectUnauthorized: !opts.insecure,
      }
      : {};
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: opts.method ?? 'GET', headers: opts.headers, timeout: opts.timeoutMs ?? 30_000, ...tls,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}
