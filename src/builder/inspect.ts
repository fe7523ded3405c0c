// Parses `buildx inspect NAME`, the text that buildx 0.13 to 0.29 prints (fixtures in
// __tests__/fixtures/inspect). Node status is read here; buildx's exit code is never trusted alone.

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
}

export interface BuilderInspect {
  name?: string;
  driver?: string;
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
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue; // labels, GC policies and other indented detail
    const [, key, value] = m as unknown as [string, string, string];
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
          const name = declared ? p.slice(0, -1) : p;
          node.platforms.push(name);
          if (declared) node.declaredPlatforms.push(name);
        }
        break;
      case 'Error':
        node.error = value.trim();
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
    const boot = /^#(\d+) \[(?:(\S+) )?internal\] booting buildkit/.exec(line);
    if (boot) nodeOfStep.set(boot[1] ?? '', boot[2] ?? '');
    const error = /^#(\d+) ERROR: (.*)$/.exec(line);
    const node = error ? nodeOfStep.get(error[1] ?? '') : undefined;
    if (error && node !== undefined) errors.set(node, (error[2] ?? '').trim());
  }
  return errors;
}
