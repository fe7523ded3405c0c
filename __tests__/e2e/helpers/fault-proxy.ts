// A fault-injecting TCP proxy in front of a loopback registry (the project's own test helper).
// For a window after `start`, it resets every new connection, answers every request with 503, or
// stalls connections; afterwards it pipes bytes through untouched. Only loopback is touched.
import net from 'node:net';

export type Fault = 'reset' | '503' | 'stall';

export interface FaultProxy {
  port: number;
  /** Connections that met the fault. */
  faulted: () => number;
  /** Every connection accepted. */
  connections: () => number;
  close: () => Promise<void>;
}

export async function startFaultProxy(
  target: { host: string; port: number },
  fault: Fault,
  windowMs: number,
  port = 0,
): Promise<FaultProxy> {
  const until = Date.now() + windowMs;
  let faulted = 0;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (Date.now() < until) {
      faulted++;
      if (fault === 'reset') {
        client.resetAndDestroy();
        return;
      }
      if (fault === '503') {
        client.once('data', () => client.end(
          'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n' +
          'Connection: close\r\n\r\nunavailable\n'));
        return;
      }
      // stall: hold the connection open, answer nothing, until the window ends
      setTimeout(() => client.destroy(), Math.max(0, until - Date.now())).unref();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    faulted: () => faulted,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
