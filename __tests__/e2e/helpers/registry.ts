// An independent reader of the loopback registry: the tests check the action against this,
// not against the action's own registry client.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';

/** HTTPS with one extra CA: the test's own reader of the TLS registry. */
function getWithCa(
  url: string,
  headers: Record<string, string>,
  ca: string,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers, ca: readFileSync(ca) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface Served {
  status: number;
  digest?: string;
  json?: {
    mediaType?: string;
    manifests?: {
      digest: string;
      platform?: { os: string; architecture: string; variant?: string };
      annotations?: Record<string, string>;
    }[];
  };
}

/**
 * GET a manifest by `host/repo:tag`; status 404 when the registry has no such tag. `basicAuth` is
 * `user:password`, or a whole Authorization header value (`Bearer ...`).
 */
export async function served(ref: string, basicAuth?: string, ca?: string): Promise<Served> {
  const slash = ref.indexOf('/');
  const host = ref.slice(0, slash);
  const rest = ref.slice(slash + 1);
  const at = rest.lastIndexOf(':');
  const [repo, tag] = [rest.slice(0, at), rest.slice(at + 1)];
  const headers: Record<string, string> = { accept: ACCEPT };
  if (basicAuth) {
    headers.authorization = basicAuth.startsWith('Bearer ') ? basicAuth
      : `Basic ${Buffer.from(basicAuth).toString('base64')}`;
  }
  const url = `${ca ? 'https' : 'http'}://${host}/v2/${repo}/manifests/${tag}`;
  const res = ca ? await getWithCa(url, headers, ca) : await fetch(url, { headers })
    .then(async (r) => ({ status: r.status, body: Buffer.from(await r.arrayBuffer()) }));
  if (res.status !== 200) return { status: res.status };
  const body = res.body;
  return {
    status: res.status,
    digest: `sha256:${createHash('sha256').update(body).digest('hex')}`,
    json: JSON.parse(body.toString('utf8')) as Served['json'],
  };
}

/** The image manifests of a served index, by platform, attestations left out. */
export function servedPlatforms(s: Served): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.json?.manifests ?? []) {
    if (!m.platform || m.platform.os === 'unknown') continue;
    const p = m.platform;
    out[[p.os, p.architecture, p.variant].filter(Boolean).join('/')] = m.digest;
  }
  return out;
}
