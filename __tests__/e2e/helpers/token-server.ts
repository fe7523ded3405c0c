// A registry token server on loopback (the Docker token authentication protocol): Basic login in,
// a JWT out, signed with the bed's key and carrying the key's certificate (x5c) for the registry
// on 127.0.0.1:5002 to verify. Logs every token request so tests can see who asked for what.
import { createSign, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';

const DIR = '/var/lib/multiarch-bed/token';
export const TOKEN_REGISTRY = '127.0.0.1:5002';

export interface TokenServer {
  requests: { scope: string; user: string; time?: number }[];
  close: () => Promise<void>;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/**
 * `lifetimeSeconds`: how long the registry accepts a token (its 60 s leeway for clock skew taken
 * off `exp`); `announcedSeconds`: the `expires_in` the client is told, the lifetime unless given;
 * `grant`: the actions a token may carry at most (e.g. only `pull`: a login without push rights).
 */
export interface TokenPolicy {
  lifetimeSeconds?: number;
  announcedSeconds?: number;
  grant?: string[];
}

/** The registry's leeway on `exp` and `nbf` (distribution's token.Leeway). */
const REGISTRY_LEEWAY_SECONDS = 60;

export async function startTokenServer(login = 'ci:ci-password', policy: TokenPolicy = {}): Promise<TokenServer> {
  const lives = policy.lifetimeSeconds ?? 300;
  const announced = policy.announcedSeconds ?? lives;
  const key = readFileSync(`${DIR}/signer.key`);
  const cert = new X509Certificate(readFileSync(`${DIR}/signer.pem`));
  const requests: TokenServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization ?? '';
    const user = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : '';
    // Several scopes at once, e.g. a push that mounts a blob from another repository.
    const scopes = url.searchParams.getAll('scope');
    for (const scope of scopes) requests.push({ scope, user: user.split(':')[0] ?? '', time: Date.now() });
    if (user !== login) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad login"}');
      return;
    }
    const access = scopes.map((scope) => {
      const [type = '', name = '', actions = ''] = scope.split(':');
      return { type, name, actions: actions.split(',').filter((a) => !policy.grant || policy.grant.includes(a)) };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [cert.raw.toString('base64')] };
    const claims = {
      iss: 'multiarch-bed-token-server', sub: 'ci', aud: url.searchParams.get('service'),
      exp: now + lives - REGISTRY_LEEWAY_SECONDS, nbf: now - 10, iat: now, jti: randomUUID(),
      access,
    };
    const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${unsigned}.${b64url(createSign('RSA-SHA256').update(unsigned).sign(key))}`;
    const body = { token, access_token: token, expires_in: announced, issued_at: new Date().toISOString() };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(5091, '127.0.0.1', resolve));
  return { requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A pull token for `repository` from the running token server, as an Authorization header value. */
export async function pullAuthorization(repository: string, login = 'ci:ci-password'): Promise<string> {
  const url = `http://127.0.0.1:5091/token?service=multiarch-bed&scope=repository:${repository}:pull`;
  const res = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(login).toString('base64')}` } });
  return `Bearer ${((await res.json()) as { token: string }).token}`;
}
