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
        res.writeHead(method ? 401 : 404).end();
        return;
      }
      const out = answer(method, JSON.parse(body) as Record<string, unknown>);
      if ('status' in out && typeof out.status === 'number') {
        res.writeHead(out.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 'internal', msg: `answering ${out.status}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
