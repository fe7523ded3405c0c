// An independent reader of the loopback registry: the tests check the action against this,
// not against the action's own registry client.
import { createHash } from 'node:crypto';

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

/** GET a manifest by `host/repo:tag`; status 404 when the registry has no such tag. */
export async function served(ref: string, basicAuth?: string): Promise<Served> {
  const slash = ref.indexOf('/');
  const host = ref.slice(0, slash);
  const rest = ref.slice(slash + 1);
  const at = rest.lastIndexOf(':');
  const [repo, tag] = [rest.slice(0, at), rest.slice(at + 1)];
  const headers: Record<string, string> = { accept: ACCEPT };
  if (basicAuth) headers.authorization = `Basic ${Buffer.from(basicAuth).toString('base64')}`;
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { headers });
  if (!res.ok) return { status: res.status };
  const body = Buffer.from(await res.arrayBuffer());
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
