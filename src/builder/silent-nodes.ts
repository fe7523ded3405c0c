// Which remote nodes are silent: a firewall that drops, or a half-dead host that accepts TCP and
// never answers. buildx cannot say which node it waits for (its progress reads "[internal] waiting
// for connection", and `buildx inspect` itself waits 20 s for such a node), so each tcp:// node is
// asked directly: a BuildKit node, like any HTTP/2 server, answers a client preface at once with
// its SETTINGS; one behind TLS answers with an alert or closes; a refused port fails. Only a node
// that says nothing at all within the wait is silent.
import { connect } from 'node:net';

/** HTTP/2's client preface and an empty SETTINGS frame. */
const H2_PREFACE = Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]);

/** True when a tcp:// endpoint says nothing within `waitMs`; undefined for other endpoints. */
export function isSilent(endpoint: string, waitMs: number): Promise<boolean | undefined> {
  const m = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d+)/.exec(endpoint);
  if (!m) return Promise.resolve(undefined);
  const host = (m[1] ?? '').replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(m[2]) });
    const end = (silent: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(silent);
    };
    const timer = setTimeout(() => end(true), waitMs);
    socket.on('connect', () => socket.write(H2_PREFACE));
    socket.on('data', () => end(false));
    socket.on('close', () => end(false));
    socket.on('error', () => end(false));
  });
}

/** The names of the nodes that are silent, asked all at once. */
export async function silentNodes(nodes: readonly { name: string; endpoint?: string }[], waitMs = 2000):
  Promise<string[]> {
  const silent = await Promise.all(nodes.map((n) => (n.endpoint ? isSilent(n.endpoint, waitMs) : undefined)));
  return nodes.filter((_, i) => silent[i] === true).map((n) => n.name);
}
