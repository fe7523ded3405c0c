// An HTTP proxy in front of a loopback registry (or token server) that can lie: a rule may answer
// a request itself (a 500 for a manifest PUT, a 429 with Retry-After, another manifest under a
// tag), and every request may be delayed, as a registry far away. Everything else passes through
// untouched, the Host header kept, so the registry's own Location headers lead back through the
// proxy. It logs every request with its time, so tests can count round trips and pulls.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Seen {
  method: string;
  path: string;
  /** ms since the proxy started. */
  at: number;
  /** When it arrived (Date.now()). */
  time: number;
  userAgent: string;
  /** The status the client got. */
  status?: number;
}

export interface HttpProxy {
  port: number;
  host: string;
  requests: Seen[];
  close: () => Promise<void>;
}

export type Rule = (req: IncomingMessage, n: number) => Answer | undefined | Promise<Answer | undefined>;

export async function startHttpProxy(
  target: { host: string; port: number },
  rule: Rule = () => undefined,
  delayMs = 0,
): Promise<HttpProxy> {
  const t0 = Date.now();
  const requests: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const seen: Seen = { method: req.method ?? '', path: req.url ?? '', at: Date.now() - t0, time: Date.now(),
      userAgent: String(req.headers['user-agent'] ?? '') };
    requests.push(seen);
    const go = async (): Promise<void> => {
      const answer = await rule(req, requests.length);
      if (answer) {
        req.resume();
        seen.status = answer.status;
        res.writeHead(answer.status, { 'content-length': String(Buffer.byteLength(answer.body ?? '')),
          ...answer.headers }).end(answer.body ?? '');
        return;
      }
      const up = request({ host: target.host, port: target.port, method: req.method, path: req.url,
        headers: req.headers }, (upRes) => {
        seen.status = upRes.statusCode;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    };
    setTimeout(() => void go(), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
