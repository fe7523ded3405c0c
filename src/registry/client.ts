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

/** What the action's own registry requests say they are, so a registry's logs can tell them apart. */
const USER_AGENT = 'multiarch-build';

/**
 * Round trips are the cost of a registry far away, so each registry is probed at most once (plain
 * HTTP or TLS, for loopback and insecure registries, whose probe answer also carries the auth
 * challenge) and each repository gets at most one token, shared by every concurrent request for
 * it. A digest alone is asked for with HEAD: no body, and no pull on Docker Hub's rate limit.
 */
export class RegistryClient {
  private readonly auths = new Map<string, Promise<string | undefined>>();
  private readonly probes = new Map<string, Promise<{ base: string; challenge?: string }>>();

  constructor(
    private readonly config: DockerConfig = readDockerConfig(),
    private readonly trust: TrustFor = trustFrom({}, []),
  ) {}

  async manifest(ref: ImageReference): Promise<FetchedManifest> {
    const res = await this.request(ref, `manifests/${ref.digest ?? ref.tag ?? 'latest'}`, ACCEPT);
    const digest = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    const json = JSON.parse(res.body.toString('utf8')) as ManifestJson;
    return { digest, mediaType: json.mediaType ?? String(res.headers['content-type'] ?? ''), json };
  }

  /** The digest a reference serves, from a HEAD (a GET when the registry sends no digest header). */
  async manifestDigest(ref: ImageReference): Promise<string> {
    const res = await this.request(ref, `manifests/${ref.digest ?? ref.tag ?? 'latest'}`, ACCEPT, 'HEAD');
    const header = res.headers['docker-content-digest'];
    const digest = Array.isArray(header) ? header[0] : header;
    return digest && /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : (await this.manifest(ref)).digest;
  }

  async blobJson<T>(ref: ImageReference, digest: string): Promise<T> {
    return JSON.parse((await this.request(ref, `blobs/${digest}`, '*/*')).body.toString('utf8')) as T;
  }

  /**
   * Whom a registry's 401 refused: the `login` when the registry wants Basic credentials, the
   * runner has none for it, or its token service refuses them; a `token` when the token service
   * issues one for a push with that login (the registry refused what its own service issued).
   * Undefined when it cannot tell (no challenge, the token service unreachable).
   */
  async refused(registry: string, repository: string): Promise<'login' | 'token' | undefined> {
    const challenge = await this.challenge(registry);
    if (!challenge) return undefined;
    const { scheme, params } = parseChallenge(challenge);
    const creds = await credentialsFor(registry, this.config);
    if (scheme === 'basic' || (!creds?.username && !creds?.identityToken)) return 'login';
    if (scheme !== 'bearer' || !params.realm) return undefined;
    try {
      await this.token(registry, params, `repository:${repository}:pull,push`, creds);
      return 'token';
    } catch (error) {
      return error instanceof RegistryError && (error.status === 401 || error.status === 403) ? 'login' : undefined;
    }
  }

  /** The registry's auth challenge: the probe's, or its `/v2/` answer over TLS. */
  private async challenge(registry: string): Promise<string | undefined> {
    const { base, challenge } = await this.probe(registry);
    if (challenge || base.startsWith('http:')) return challenge;
    const res = await this.send(registry, `${base}/v2/`, { timeoutMs: 10_000, headers: { 'user-agent': USER_AGENT } })
      .catch(() => undefined);
    const header = res?.status === 401 ? res.headers['www-authenticate'] : undefined;
    return Array.isArray(header) ? header[0] : header;
  }

  private async request(
    ref: ImageReference,
    path: string,
    accept: string,
    method: 'GET' | 'HEAD' = 'GET',
  ): Promise<HttpResponse> {
    const scope = `${ref.registry}/${ref.repository}`;
    const { base, challenge } = await this.probe(ref.registry);
    const url = `${base}/v2/${ref.repository}/${path}`;
    if (challenge && !this.auths.has(scope)) this.auths.set(scope, this.authorize(ref, challenge));
    let asked = this.auths.get(scope);
    const send = async (auth: string | undefined): Promise<HttpResponse> => this.send(ref.registry, url,
      { method, headers: { accept, 'user-agent': USER_AGENT, ...(auth ? { authorization: auth } : {}) } });
    let res = await send(await asked);
    if (res.status === 401) {
      // No challenge was known, or the token lacks this scope: one new token, shared.
      if (this.auths.get(scope) === asked) {
        this.auths.set(scope, this.authorize(ref, String(res.headers['www-authenticate'] ?? '')));
      }
      asked = this.auths.get(scope);
      res = await send(await asked);
    }
    if (res.status < 200 || res.status >= 300) {
      const detail = res.body.toString('utf8').slice(0, 300).trim();
      throw new RegistryError(
        `${ref.registry}/${ref.repository}: ${method} ${path} answered ${res.status}${detail ? `: ${detail}` : ''}`,
        res.status,
      );
    }
    return res;
  }

  private async send(registry: string, url: string, opts: HttpOptions): Promise<HttpResponse> {
    try {
      return await httpGet(url, { ...opts, ...this.trust(registry) });
    } catch (error) {
      throw new RegistryError(`${opts.method ?? 'GET'} ${url} failed: ${errorMessage(error)}`);
    }
  }

  /**
   * Where the registry's API answers: https, except loopback and insecure registries, which speak
   * plain HTTP unless their probe says TLS. The probe's 401 is the auth challenge: kept.
   */
  private probe(registry: string): Promise<{ base: string; challenge?: string }> {
    let probed = this.probes.get(registry);
    if (!probed) {
      probed = (async () => {
        const host = apiHost(registry);
        if (!isLoopback(registry) && !this.trust(registry).insecure) return { base: `https://${host}` };
        try {
          const res = await httpGet(`http://${host}/v2/`, { timeoutMs: 10_000, headers: { 'user-agent': USER_AGENT } });
          if (res.status === 400 && /HTTPS/i.test(res.body.toString('utf8'))) return { base: `https://${host}` };
          const challenge = res.status === 401 ? String(res.headers['www-authenticate'] ?? '') : undefined;
          return challenge ? { base: `http://${host}`, challenge } : { base: `http://${host}` };
        } catch {
          return { base: `https://${host}` };
        }
      })();
      this.probes.set(registry, probed);
    }
    return probed;
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
