// The shape of src/, checked from its own imports (static, dynamic and type-only alike):
//   ground   shared/ (the vocabulary: imports nothing else of the project), runtime/
//   tools    buildx/, cosign/, sigstore/, registry/, host/: each imports only the ground, never another tool
//   stages   inputs/, preflight/, qemu/, builder/, image-build/, emulation/, checks/, build-record/,
//            signing/, merge/, fan-out/, report/:
//            the ground and the tools, never another stage
//   over     bake/: several images through the stages (the stages, the tools and the ground)
//   top      index.ts, main.ts, post.ts, cli/: anything
// and no import circle between files. `node scripts/import-graph.mjs` prints the rooms and every
// broken rule; it exits 1 when there is one (run by `npm run lint`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(new URL('..', import.meta.url).pathname, 'src');
const LEVEL = { shared: 0, runtime: 1, buildx: 2, cosign: 2, sigstore: 2, registry: 2, host: 2 };
const STAGES = ['inputs', 'preflight', 'qemu', 'builder', 'image-build', 'cache', 'emulation', 'checks', 'build-record', 'signing',
  'merge', 'fan-out', 'report'];
for (const s of STAGES) LEVEL[s] = 3;
LEVEL.bake = 3.5;
const TOP = 4;

const files = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? files(p) : n.endsWith('.ts') ? [p] : [];
});

/** The room of a file: its folder under src/, or 'top' for src/*.ts and cli/. */
const roomOf = (file) => {
  const parts = relative(SRC, file).split('/');
  return parts.length === 1 || parts[0] === 'cli' ? 'top' : parts[0];
};
const levelOf = (room) => (room === 'top' ? TOP : LEVEL[room]);

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm;
const graph = new Map();
for (const file of files(SRC)) {
  const text = readFileSync(file, 'utf8');
  const deps = [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'));
  graph.set(file, [...new Set(deps)]);
}

const problems = [];
for (const [file, deps] of graph) {
  const from = roomOf(file);
  if (levelOf(from) === undefined) problems.push(`${relative(SRC, file)}: folder ${from}/ is in no room`);
  for (const dep of deps) {
    const to = roomOf(dep);
    const what = `${relative(SRC, file)} -> ${relative(SRC, dep)}`;
    if (!graph.has(dep)) problems.push(`${what}: no such file`);
    else if (from === to) continue;
    else if (levelOf(to) > levelOf(from)) problems.push(`${what}: an arrow back up (${from} -> ${to})`);
    else if (levelOf(to) === levelOf(from)) problems.push(`${what}: ${from}/ and ${to}/ stand side by side`);
  }
}

// Circles: Tarjan's strongly connected components over files.
let index = 0;
const stack = [];
const info = new Map();
const strong = (v) => {
  info.set(v, { index, low: index, on: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!info.has(w)) {
      strong(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).on) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).on = false;
      component.push(relative(SRC, w));
    } while (w !== v);
    if (component.length > 1) problems.push(`an import circle: ${component.sort().join(', ')}`);
  }
};
for (const v of graph.keys()) if (!info.has(v)) strong(v);

const rooms = [...new Set([...graph.keys()].map(roomOf))]
  .sort((a, b) => levelOf(a) - levelOf(b) || a.localeCompare(b));
const edges = new Set();
for (const [file, deps] of graph) {
  for (const d of deps) if (roomOf(file) !== roomOf(d)) edges.add(`${roomOf(file)} -> ${roomOf(d)}`);
}
console.log(`import graph: ${graph.size} files in ${rooms.length} rooms (${rooms.join(', ')}), ` +
  `${edges.size} arrows between rooms, all downward and no circle: ${problems.length === 0 ? 'yes' : 'no'}`);
if (problems.length > 0) {
  console.error(problems.map((p) => `  ${p}`).join('\n'));
  process.exit(1);
}
