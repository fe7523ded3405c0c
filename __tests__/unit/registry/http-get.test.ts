// Registries redirect blob reads to storage hosts: the registry's credentials must not follow.
// Two real loopback servers on different ports (different hosts to the client).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { httpGet } from '../../../src/registry/http-get.js';

const seen: { server: string; headers: IncomingHttpHeaders }[] = [];
let storage: Server;
let registry: Server;
const port = (s: Server): number => (s.address() as AddressInfo).port;

beforeAll(async () => {
  storage = createServer((req, res) => {
    seen.push({ server: 'storage', headers: req.headers });
    res.end('blob');
  });
  registry = createServer((req, res) => {
    seen.push({ server: 'registry', headers: req.headers });
    const to = req.url === '/same' ? `/final` : `http://127.0.0.1:${port(storage)}/blob`;
    if (req.url === '/final') return void res.end('same host');
    res.writeHead(307, { location: to }).end();
  });
  await Promise.all([storage, registry].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
});

afterAll(() => {
  storage.close();
  registry.close();
});

test('a cross-host redirect drops Authorization; the registry itself got it', async () => {
  seen.length = 0;
  const res = await httpGet(`http://127.0.0.1:${port(registry)}/v2/r/blobs/sha256:x`,
    { headers: { authorization: 'Bearer secret-token', accept: '*/*' } });
  expect(res.body.toString()).toBe('blob');
  expect(seen.map((s) => s.server)).toEqual(['registry', 'storage']);
  expect(seen[0]?.headers.authorization).toBe('Bearer secret-token');
  expect(seen[1]?.headers.authorization).toBeUndefined();
  expect(seen[1]?.headers.accept).toBe('*/*');
});

test('a same-host redirect keeps Authorization', async () => {
  seen.length = 0;
  const res = await httpGet(`http://127.0.0.1:${port(registry)}/same`, { headers: { authorization: 'Basic x' } });
  expect(res.body.toString()).toBe('same host');
  expect(seen.map((s) => s.headers.authorization)).toEqual(['Basic x', 'Basic x']);
});
