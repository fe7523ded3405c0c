// Reads manifests and blobs straight from a registry over HTTP (the Distribution API), with the
// runner's credentials and the registry's token challenge: no docker process on this path.
import { createHash } from 'node:crypto';
import { apiHost, isLoopback, type ImageReference } from './reference.js';
import { credentialsFor, readDockerConfig, type Credentials, type DockerConfig } from './registry-credentials.js';
import { INDEX_TYPES, MANIFEST_TYPES, type ManifestJson } from './digests.js';

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  json: ManifestJson;
}

const ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');
const TIMEOUT_MS = 30_000;

export class RegistryError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** `Bearer realm="…",service="…"` → its parameters; pure, for tests. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) {
    params[(m[1] as string).toLowerCase()] = m[2] as string;
  }
  return { scheme, params };
}

export class RegistryClient {
  private readonly authHeaders = new Map<string, string>();
  private readonly schemes = new Map<string, string>();

  constructor(private readonly config: DockerConfig = readDockerConfig()) {}

  async manifest(ref: ImageReference): Promise<FetchedManifest> {
    const which = ref.digest ?? ref.tag ?? 'latest';
    const res = await this.get(ref, `manifests/${which}`, ACCEPT);
    const body = Buffer.from(await res.arrayBuffer());
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    const json = JSON.parse(body.toString('utf8')) as ManifestJson;
    return { digest, mediaType: json.mediaType ?? res.headers.get('content-type') ?? '', json };
  }

  async blobJson<T>(ref: ImageReference, digest: string): Promise<T> {
    const res = await this.get(ref, `blobs/${digest}`, '*/*');
    return (await res.json()) as T;
  }

  private async get(ref: ImageReference, path: string, accept: string): Promise<Response> {
    const scope = `${ref.registry}/${ref.repository}`;
    const url = async (): Promise<string> =>
      `${await this.scheme(ref.registry)}://${apiHost(ref.registry)}/v2/${ref.repository}/${path}`;
    const headers: Record<string, string> = { accept };
    const cached = this.authHeaders.get(scope);
    if (cached) headers.authorization = cached;
    let res = await this.fetch(await url(), headers);
    if (res.status === 401) {
      const auth = await this.authorize(ref, res.headers.get('www-authenticate') ?? '');
      this.authHeaders.set(scope, auth);
      res = await this.fetch(await url(), { ...headers, authorization: auth });
    }
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 300).trim();
      throw new RegistryError(
        `${ref.registry}/${ref.repository}: GET ${path} answered ${res.status}${detail ? `: ${detail}` : ''}`,
        res.status,
      );
    }
    return res;
  }

  private async fetch(url: string, headers: Record<string, string>): Promise<Response> {
    try {
      return await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new RegistryError(`GET ${url} failed: ${cause ?? (error as Error).message}`);
    }
  }

  /** Loopback registries speak plain HTTP unless they turn out to speak TLS. */
  private async scheme(registry: string): Promise<string> {
    const known = this.schemes.get(registry);
    if (known) return known;
    let scheme = 'https';
    if (isLoopback(registry)) {
      scheme = 'http';
      try {
        await fetch(`http://${registry}/v2/`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch {
        scheme = 'https';
      }
    }
    this.schemes.set(registry, scheme);
    return scheme;
  }

  private async authorize(ref: ImageReference, challenge: string): Promise<string> {
    const { scheme, params } = parseChallenge(challenge);
    const creds = await credentialsFor(ref.registry, this.config);
    if (scheme === 'basic') {
      if (!creds?.username) throw new RegistryError(`${ref.registry} asks for credentials and none are configured (log in first)`, 401);
      return `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`;
    }
    if (scheme !== 'bearer' || !params.realm) {
      throw new RegistryError(`${ref.registry} sent an authentication challenge this client does not know: ${challenge}`, 401);
    }
    return `Bearer ${await this.token(params, `repository:${ref.repository}:pull`, creds)}`;
  }

  private async token(params: Record<string, string>, scope: string, creds?: Credentials): Promise<string> {
    const realm = new URL(params.realm as string);
    let res: Response;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token', refresh_token: creds.identityToken,
        service: params.service ?? '', scope, client_id: 'multiarch-build',
      });
      res = await fetch(realm, { method: 'POST', body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } else {
      if (params.service) realm.searchParams.set('service', params.service);
      realm.searchParams.set('scope', scope);
      const headers: Record<string, string> = {};
      if (creds?.username) {
        headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`;
      }
      res = await fetch(realm, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    }
    if (!res.ok) throw new RegistryError(`token endpoint ${realm.host} answered ${res.status}`, res.status);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token endpoint ${realm.host} returned no token`);
    return token;
  }
}
