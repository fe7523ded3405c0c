// The buildkitd config (TOML) for the nodes the action starts: registry CAs, insecure registries,
// mirrors and the GC limit, merged into `buildkitd-config-inline`, which wins where both set a key.
// buildx copies the CA files a config names into each node it creates.

import type { RegistrySettings } from '../shared/inputs-types.js';
import { hostOf } from '../shared/registry-host.js';

type Tables = Map<string, Map<string, string>>;

const q = (s: string): string => JSON.stringify(s);

/** The tables and keys these settings need, as TOML values. */
function settingsTables(s: RegistrySettings): Tables {
  const tables: Tables = new Map();
  const set = (table: string, key: string, value: string): void => {
    if (!tables.has(table)) tables.set(table, new Map());
    tables.get(table)?.set(key, value);
  };
  for (const [host, file] of Object.entries(s.ca)) set(`registry.${q(host)}`, 'ca', `[${q(file)}]`);
  for (const host of s.insecure) {
    set(`registry.${q(host)}`, 'http', 'true');
    set(`registry.${q(host)}`, 'insecure', 'true');
  }
  for (const [host, mirrors] of Object.entries(s.mirrors)) {
    set(`registry.${q(host)}`, 'mirrors', `[${mirrors.map((m) => q(m.replace(/^https?:\/\//, ''))).join(', ')}]`);
    for (const m of mirrors.filter((x) => x.startsWith('http://'))) set(`registry.${q(hostOf(m))}`, 'http', 'true');
  }
  if (s.keepStorage) {
    set('worker.oci', 'gc', 'true');
    set('worker.oci', 'gckeepstorage', q(s.keepStorage));
  }
  return tables;
}

/** Table header name as written (`registry."host"`), normalized for comparison. */
function norm(header: string): string {
  return header.replace(/\s+/g, '').replace(/'/g, '"');
}

/**
 * Merges the settings into the inline config: keys the inline config sets win; missing keys go
 * under the inline config's own table header (TOML allows a table once), new tables at the end.
 */
export function buildkitdConfig(settings: RegistrySettings, inline = ''): string {
  const lines = inline.split('\n');
  const headerAt = new Map<string, number>();
  const keysOf = new Map<string, Set<string>>();
  let current = '';
  lines.forEach((line, i) => {
    const header = /^\s*\[([^[\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      current = norm(header[1] ?? '');
      headerAt.set(current, i);
      return;
    }
    const key = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(line);
    if (key) {
      if (!keysOf.has(current)) keysOf.set(current, new Set());
      keysOf.get(current)?.add(key[1] ?? '');
    }
  });
  const inserts = new Map<number, string[]>();
  const appended: string[] = [];
  for (const [table, entries] of settingsTables(settings)) {
    const have = keysOf.get(norm(table)) ?? new Set<string>();
    const add = [...entries].filter(([k]) => !have.has(k)).map(([k, v]) => `  ${k} = ${v}`);
    if (add.length === 0) continue;
    const at = headerAt.get(norm(table));
    if (at === undefined) appended.push('', `[${table}]`, ...add);
    else inserts.set(at, add);
  }
  const out = lines.flatMap((line, i) => [line, ...(inserts.get(i) ?? [])]);
  return `${[...out, ...appended].join('\n').trim()}\n`;
}

export function hasSettings(s: RegistrySettings): boolean {
  return Object.keys(s.ca).length + s.insecure.length + Object.keys(s.mirrors).length > 0 || !!s.keepStorage;
}
