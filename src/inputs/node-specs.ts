// The `nodes` input: a YAML list of builder nodes, parsed with `yaml` and checked strictly.
import { errorMessage } from '../shared/errors.js';
import { splitLines, splitLinesAndCommas } from '../shared/lists.js';
import { PlatformListError, readPlatformList } from '../shared/platform.js';
import { NAME } from './rules.js';
import type { NodeSpec } from '../shared/inputs-types.js';

const KEYS = ['name', 'endpoint', 'platforms', 'driver-opts', 'buildkitd-flags'];
/** A URL, or the name of a docker context. */
const ENDPOINT = new RegExp(`^(tcp|unix|ssh|docker-container|kube-pod|npipe)://\\S+$|${NAME.source}`);

/** A YAML parser (the `yaml` package's `parse`), loaded only by runs that have `nodes`. */
export type ParseYaml = (text: string) => unknown;

/** How deep `nodes` may nest: a list of mappings of lists needs 3; the YAML parser dies of far more. */
const MAX_DEPTH = 32;

/** The deepest nesting of flow brackets or of indentation (in steps of two columns). */
function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth);
    else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  const indents = text.split('\n').map((l) => (/^[ -]*/.exec(l)?.[0].length ?? 0) / 2);
  return Math.max(deepest, ...indents);
}

/** Parses `nodes`; throws an Error whose message names the node at fault. */
export function parseNodeSpecs(text: string, parseYaml: ParseYaml): NodeSpec[] {
  if (nesting(text) > MAX_DEPTH) throw new Error(`nests deeper than ${MAX_DEPTH} levels: a list of nodes is 3 deep`);
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new Error(`is not valid YAML: ${errorMessage(error).split('\n')[0]}`, { cause: error });
  }
  if (!Array.isArray(doc)) throw new Error('must be a YAML list of nodes ({name, endpoint, platforms, ...})');
  if (doc.length === 0) throw new Error('is an empty list');
  const seen = new Set<string>();
  return doc.map((item: unknown, i) => {
    const where = `node ${i + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new Error(`${where} is not a mapping of ${KEYS.join(', ')}`);
    }
    const node = item as Record<string, unknown>;
    const name = node.name;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new Error(`${where} needs a name of letters, digits, '.', '_' or '-'`);
    }
    const label = `node ${i + 1} (${name})`;
    const unknown = Object.keys(node).find((k) => !KEYS.includes(k));
    if (unknown) throw new Error(`${label} has an unknown key "${unknown}" (allowed: ${KEYS.join(', ')})`);
    if (seen.has(name)) throw new Error(`${label}: the name ${name} is used twice`);
    seen.add(name);
    const spec: NodeSpec = { name, platforms: [], driverOpts: [] };
    const endpoint = stringField(node, 'endpoint', label);
    if (endpoint !== undefined) {
      if (!ENDPOINT.test(endpoint)) throw new Error(`${label} has an endpoint that is not a URL or context: ${endpoint}`);
      spec.endpoint = endpoint;
    }
    try {
      spec.platforms = readPlatformList(listField(node, 'platforms', label, splitLinesAndCommas));
    } catch (error) {
      if (!(error instanceof PlatformListError)) throw error;
      throw new Error(`${label} has a platform "${error.item}" that ${error.problem}`, { cause: error });
    }
    spec.driverOpts = listField(node, 'driver-opts', label, splitLines);
    const flags = stringField(node, 'buildkitd-flags', label);
    if (flags !== undefined) spec.buildkitdFlags = flags;
    return spec;
  });
}

function stringField(node: Record<string, unknown>, key: string, label: string): string | undefined {
  const v = node[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`${label}: ${key} must be a string`);
  return v.trim();
}

function listField(
  node: Record<string, unknown>,
  key: string,
  label: string,
  split: (raw: string) => string[],
): string[] {
  const v = node[key];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return split(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((x: string) => x.trim());
  throw new Error(`${label}: ${key} must be a string or a list of strings`);
}
