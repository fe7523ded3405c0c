// Reads manifests and blobs straight from a registry over HTTP (the Distribution API), with the
// runner's credentials and the registry's token challenge: no docker process on this path.
import { createHash } from 'node:crypto';
import { errorMessage } from '../shared/errors.js';
import { INDEX_TYPES, MANIFEST_TYPES, type ManifestJson } from './manifests.js';
import { httpGet, type HttpOptions, type HttpResponse } from './http-get.js';
import { apiHost, isLoopback, type ImageReference } from '../shared/reference.js';
import { credentialsFor, readDockerConfig, type Credentials, type DockerConfig } from './credentials.js';
import { trustFrom, type RegistryTrust, type TrustFor } from './trust.js';

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  json: ManifestJson;
}

const ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');

export class RegistryError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** `Bearer realm="…",service="…"` → its parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) {
    params[(m[1] ?? '').toLowerCase()] = m[2] ?? '';
  }
  return { scheme, params };
}

const basic = (c: Credentials): string =>
  `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`;

export class RegistryClient {
  private readonly authHeaders = new Map<string, string>();
  private readonly schemes = new Map<string, string>();

  constructor(
    private readonly config: DockerConfig = readDockerConfig(),
    private readonly trust: TrustFor = trustFrom({}, []),
  ) {}

  async manifest(ref: ImageReference): Promise<FetchedManifest> {
    const res = await this.get(ref, `manifests/${ref.digest ?? ref.tag ?? 'latest'}`, ACCEPT);
    const digest = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    const json = JSON.parse(res.body.toString('utf8')) as ManifestJson;
    return { digest, mediaType: json.mediaType ?? String(res.headers['content-type'] ?? ''), json };
  }

  async blobJson<T>(ref: ImageReference, digest: string): Promise<T> {
    return JSON.parse((await this.get(ref, `blobs/${digest}`, '*/*')).body.toString('utf8')) as T;
  }

  private async get(ref: ImageReference, path: string, accept: string): Promise<HttpResponse> {
    const scope = `${ref.registry}/${ref.repository}`;
    const url = `${await this.scheme(ref.registry)}://${apiHost(ref.registry)}/v2/${ref.repository}/${path}`;
    const headers: Record<string, string> = { accept };
    const cached = this.authHeaders.get(scope);
    if (cached) headers.authorization = cached;
    let res = await this.send(ref.registry, url, { headers });
    if (res.status === 401) {
      const auth = await this.authorize(ref, String(res.headers['www-authenticate'] ?? ''));
      this.authHeaders.set(scope, auth);
      res = await this.send(ref.registry, url, { headers: { ...headers, authorization: auth } });
    }
    if (res.status < 200 || res.status >= 300) {
      const detail = res.body.toString('utf8').slice(0, 300).trim();
      throw new RegistryError(
        `${ref.registry}/${ref.repository}: GET ${path} answered ${res.status}${detail ? `: ${detail}` : ''}`,
        res.status,
      );
    }
    return res;
  }

  private async send(registry: string, url: string, opts: HttpOptions): Promise<HttpResponse> {
    try {
      return await httpGet(url, { ...opts, ...this.trust(registry) });
    } catch (error) {
      throw new RegistryError(`GET ${url} failed: ${errorMessage(error)}`);
    }
  }

  /** Loopback and insecure registries speak plain HTTP unless they turn out to speak TLS. */
  private async scheme(registry: string): Promise<string> {
    const known = this.schemes.get(registry);
    if (known) return known;
    let scheme = 'https';
    if (isLoopback(registry) || this.trust(registry).insecure) {
      scheme = 'http';
      try {
        const probe = await httpGet(`http://${registry}/v2/`, { timeoutMs: 10_000 });
        if (probe.status === 400 && /HTTPS/i.test(probe.body.toString('utf8'))) scheme = 'https';
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
      if (!creds?.username) {
        throw new RegistryError(`${ref.registry} asks for credentials and none are configured (log in first)`, 401);
      }
      return basic(creds);
    }
    if (scheme !== 'bearer' || !params.realm) {
      throw new RegistryError(`${ref.registry} sent an authentication challenge this client does not know: ${challenge}`, 401);
    }
    return `Bearer ${await this.token(ref.registry, params, `repository:${ref.repository}:pull`, creds)}`;
  }

  private async token(
    registry: string,
    params: Record<string, string>,
    scope: string,
    creds?: Credentials,
  ): Promise<string> {
    const realm = new URL(params.realm ?? '');
    let res: HttpResponse;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token', refresh_token: creds.identityToken,
        service: params.service ?? '', scope, client_id: 'multiarch-build',
      });
      res = await this.send(registry, realm.toString(), {
        method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    } else {
      if (params.service) realm.searchParams.set('service', params.service);
      realm.searchParams.set('scope', scope);
      const headers: Record<string, string> = creds?.username ? { authorization: basic(creds) } : {};
      res = await this.send(registry, realm.toString(), { headers });
    }
    if (res.status !== 200) throw new RegistryError(`token endpoint ${realm.host} answered ${res.status}`, res.status);
    const body = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token endpoint ${realm.host} returned no token`);
    return token;
  }
}

/** A client with the runner's logins and the run's registry trust. */
export function registryClientFor(trust: RegistryTrust): RegistryClient {
  return new RegistryClient(readDockerConfig(), trust.trustFor);
}
