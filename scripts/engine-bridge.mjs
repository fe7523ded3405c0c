#!/usr/bin/env node
// Turns an engine's embedded BuildKit into a remote BuildKit node (LAB.md): for each TCP
// connection, upgrade a fresh connection on the engine's socket to raw HTTP/2 gRPC
// (`POST /grpc`, `Upgrade: h2c`), then pipe bytes both ways. Either side closing closes the other,
// so a client that goes away (a cancelled build) cancels on the engine too.
//   node scripts/engine-bridge.mjs LISTEN_PORT ENGINE_SOCKET [--host 127.0.0.1]
import net from 'node:net';

const [port, socketPath] = process.argv.slice(2);
const host = process.argv.includes('--host') ? process.argv[process.argv.indexOf('--host') + 1] : '127.0.0.1';
if (!port || !socketPath) {
  console.error('usage: engine-bridge.mjs LISTEN_PORT ENGINE_SOCKET [--host ADDR]');
  process.exit(2);
}

const UPGRADE = 'POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n';

const server = net.createServer((client) => {
  client.pause();
  const engine = net.connect(socketPath);
  let head = Buffer.alloc(0);
  const close = () => {
    client.destroy();
    engine.destroy();
  };
  client.on('error', close).on('close', close);
  engine.on('error', close).on('close', close);
  engine.on('connect', () => engine.write(UPGRADE));
  const onHead = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    engine.off('data', onHead);
    if (!/^HTTP\/1\.1 101/.test(head.toString('latin1', 0, 16))) {
      console.error(`engine refused the upgrade: ${head.toString('latin1', 0, end)}`);
      close();
      return;
    }
    const rest = head.subarray(end + 4);
    if (rest.length > 0) client.write(rest);
    engine.pipe(client);
    client.pipe(engine);
    client.resume();
  };
  engine.on('data', onHead);
});
server.listen(Number(port), host, () => console.log(`bridge ${host}:${port} -> ${socketPath}`));
