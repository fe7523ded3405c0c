// `buildx inspect NAME`: runs it and parses the text that buildx 0.13 to 0.29 prints (fixtures in
// __tests__/fixtures/inspect). Node status is read here; buildx's exit code is never trusted alone.
import { runBuildx, type Buildx } from './command.js';
import { finalError } from './final-error.js';
import { seenPlatform } from '../shared/platform.js';
import { readProgressLine } from './progress-line.js';

export interface NodeStatus {
  name: string;
  endpoint: string;
  status: string;
  buildkitVersion?: string;
  /** What the node's worker reports; declared ones carry no `*` here. */
  platforms: string[];
  /** The platforms fixed for the node (`*` in buildx's list). */
  declaredPlatforms: string[];
  /** The error buildx kept for the node, when it printed one. */
  error?: string;
  /** As buildx prints them: `image="..." network="host"`. */
  driverOptions?: string;
  daemonFlags?: string;
  /** The space BuildKit's last GC rule keeps (the limit `cache-keep-storage` sets). */
  gcKeep?: string;
}

export interface BuilderInspect {
  name?: string;
  driver?: string;
  nodes: NodeStatus[];
}

export interface BuilderReady {
  name: string;
  created: boolean;
  /** The action granted this builder the host network (a builder it created, with `host-network`). */
  hostNetwork: boolean;
  /** Read from buildx for a builder the action created; empty for a given one. */
  nodes: NodeStatus[];
}

export function parseInspect(text: string): BuilderInspect {
  const out: BuilderInspect = { nodes: [] };
  let inNodes = false;
  let node: NodeStatus | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^Nodes:\s*$/.test(line)) {
      inNodes = true;
      continue;
    }
    const gc = /^ (?:Keep Bytes|Reserved Space):\s*(\S+)/.exec(line);
    if (gc && node) node.gcKeep = gc[1]; // the last rule's wins
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue; // labels and other indented detail
    const [key, value] = [m[1] ?? '', m[2] ?? ''];
    if (!inNodes) {
      if (key === 'Name') out.name = value.trim();
      if (key === 'Driver') out.driver = value.trim();
      continue;
    }
    if (key === 'Name') {
      node = { name: value.trim(), endpoint: '', status: 'unknown', platforms: [], declaredPlatforms: [] };
      out.nodes.push(node);
      continue;
    }
    if (!node) continue;
    switch (key) {
      case 'Endpoint':
        node.endpoint = value.trim();
        break;
      case 'Status':
        node.status = value.trim();
        break;
      case 'BuildKit version':
      case 'Buildkit':
      case 'BuildKit':
        node.buildkitVersion = value.trim();
        break;
      case 'Platforms':
        for (const p of value.split(',').map((s) => s.trim()).filter(Boolean)) {
          const declared = p.endsWith('*');
          const name = seenPlatform(declared ? p.slice(0, -1) : p);
          node.platforms.push(name);
          if (declared) node.declaredPlatforms.push(name);
        }
        break;
      case 'Error':
        node.error = value.trim();
        break;
      case 'Driver Options':
        node.driverOptions = value.trim();
        break;
      case 'BuildKit daemon flags':
      case 'Flags': // buildx before 0.13
        node.daemonFlags = value.trim();
        break;
    }
  }
  return out;
}

/**
 * Each node's error from buildx's boot progress (`#2 [NODE internal] booting buildkit`, then
 * `#2 ERROR: ...`); old buildx prints the reason only there. A step without a node name (one
 * node) is keyed ''.
 */
export function bootProgressErrors(stderr: readonly string[]): Map<string, string> {
  const nodeOfStep = new Map<string, string>();
  const errors = new Map<string, string>();
  for (const line of stderr) {
    const seen = readProgressLine(line);
    const boot = seen?.kind === 'header' && seen.command.startsWith('booting buildkit')
      ? /^(?:(\S+) )?internal$/.exec(seen.stage) : undefined;
    if (seen && boot) nodeOfStep.set(seen.step, boot[1] ?? '');
    const node = seen?.kind === 'error' ? nodeOfStep.get(seen.step) : undefined;
    if (seen?.kind === 'error' && node !== undefined) errors.set(node, seen.message.trim());
  }
  return errors;
}

/** What a user checks with `docker buildx inspect`, on one line per node. */
export function describeNode(n: NodeStatus): string {
  return [`node ${n.name} (${n.endpoint || 'local'}): ${n.status}`, `BuildKit ${n.buildkitVersion ?? '?'}`,
    n.driverOptions && `driver options ${n.driverOptions}`, n.daemonFlags && `daemon flags ${n.daemonFlags}`,
    n.gcKeep && `GC keeps ${n.gcKeep}`, n.platforms.length > 0 && `platforms ${n.platforms.join(', ')}`,
    n.error && `error: ${n.error}`].filter(Boolean).join(', ');
}

export async function inspect(buildx: Buildx, name: string, timeoutMs = 60_000): Promise<BuilderInspect> {
  const res = await runBuildx(buildx, ['inspect', name], { timeoutMs });
  if (res.timedOut) throw new Error(`buildx inspect ${name}: no answer within ${timeoutMs / 1000}s`);
  if (res.exitCode !== 0) throw new Error(`buildx inspect ${name} failed: ${finalError(res.stderrTail)}`);
  return parseInspect(res.stdout);
}
