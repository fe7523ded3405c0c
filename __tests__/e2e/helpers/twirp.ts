// The runner's results services speak Twirp: JSON POSTed to /twirp/SERVICE/METHOD with the job's
// runtime token as the bearer. One loopback server for such a service, answering per method.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface TwirpServer {
  url: string;
  /** Each method asked, in order (refused ones too). */
  calls: string[];
  close: () => Promise<void>;
}

/**
 * Each field under its JSON name and its proto name (`signedUploadUrl` and `signed_upload_url`):
 * protobuf clients (@actions/cache) read either, BuildKit's Go client only the proto name.
 */
function withProtoNames(out: object): object {
  const both: Record<string, unknown> = { ...out };
  for (const [k, v] of Object.entries(out)) both[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  return both;
}

const b64 = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The run and job the runtime token names (the artifact service files artifacts under them). */
export const RUN_BACKEND_ID = 'b8f5a1e2-0000-4000-8000-000000000001';
export const JOB_BACKEND_ID = 'c9e6b2f3-0000-4000-8000-000000000002';

/**
 * ACTIONS_RUNTIME_TOKEN as a runner hands it out: a JWT whose claims the clients read (unsigned:
 * none checks the signature). `ac`, `exp` and `nbf` for BuildKit's gha cache client, which refuses
 * a token without them; `scp` for the artifact client, which finds the run and job there.
 */
export const RUNTIME_TOKEN = ((): string => {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
    ac: JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]),
    scp: `Actions.GenericRead:${RUN_BACKEND_ID} Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}`,
    nbf: now - 60, exp: now + 6 * 3600,
  })}.`;
})();

export type TwirpAnswer = (method: string, req: Record<string, unknown>) => object | { status: number };

export async function startTwirp(service: string, token: string, answer: TwirpAnswer): Promise<TwirpServer> {
  const prefix = `/twirp/${service}/`;
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const method = (req.url ?? '').startsWith(prefix) ? (req.url ?? '').slice(prefix.length) : '';
      calls.push(method);
      if (!method || req.headers.authorization !== `Bearer ${token}`) {
        // Twirp's error body: a client reads it and gives up at once (a bare 404 it retries)
        res.writeHead(method ? 401 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: method ? 'unauthenticated' : 'bad_route', msg: `no ${req.url ?? ''} here` }));
        return;
      }
      const out = answer(method, JSON.parse(body) as Record<string, unknown>);
      if ('status' in out && typeof out.status === 'number') {
        res.writeHead(out.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 'internal', msg: `answering ${out.status}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(withProtoNames(out)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
