// The bundles, readable (not minified) so a dist diff can be reviewed, each under a stable name:
//   dist/index.js    the action (main and post: the saved state tells which runs), a thin entry
//   dist/cli.js      the local CLI: the same pipeline behind another input/output adapter
//   dist/chunks/     the code they share, written once: pipeline.js (the stages), the
//                    @actions/core and runtime pieces, and the lazy-*.js modules that only some runs
//                    import (the Actions cache and tool-cache clients, the YAML parser)
// plus dist/licenses.txt for the third-party code they carry. esbuild splits at each dynamic
// import() and at code shared between entries; its hashed chunk names are replaced by names read
// from what each chunk holds, so a dist diff reads as a diff, not as renamed files.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionInputsDefine } from './action-inputs.mjs';

const stub = (name) => fileURLToPath(new URL(`./stubs/${name}`, import.meta.url));

/** Replaces parts of @actions/core never used here (its OIDC client, its OS details) by stubs. */
const coreStubs = {
  name: 'core-stubs',
  setup(b) {
    b.onResolve({ filter: /^\.\/(oidc-utils|platform)\.js$/ }, (args) => {
      if (!args.importer.includes('@actions/core')) return undefined;
      return { path: stub(args.path === './platform.js' ? 'core-platform.js' : 'oidc-utils.js') };
    });
  },
};

rmSync('dist', { recursive: true, force: true });

const result = await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli/cli.ts' },
  splitting: true,
  chunkNames: 'chunks/[hash]',
  define: actionInputsDefine(),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outdir: 'dist',
  legalComments: 'none',
  minify: false,
  sourcemap: false,
  metafile: true,
  // CommonJS dependencies inside an ES module bundle still call require() for built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  plugins: [coreStubs],
  logLevel: 'warning',
});

// Stable chunk names: a module imported with import() is `lazy-NAME` (its file's name); a shared
// chunk is `pipeline` when it holds the main step, else named after the package that makes most of
// it (`actions-core`, `actions-cache`) or, for our own code, its largest source file.
const packageOf = (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
const chunkName = (output) => {
  if (output.entryPoint) return `lazy-${basename(output.entryPoint).replace(/\.[cm]?[jt]s$/, '').replace(/^lazy-/, '')}`;
  const inputs = Object.entries(output.inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);
  if (inputs.some(([i]) => i === 'src/main.ts')) return 'pipeline';
  const bytes = (pick) => inputs.filter(([i]) => pick(i)).reduce((n, [, o]) => n + o.bytesInOutput, 0);
  const packages = inputs.map(([i]) => packageOf(i)).filter(Boolean);
  if (packages.length > 0 && bytes((i) => packageOf(i)) > bytes((i) => !packageOf(i))) {
    const named = ['@actions/cache', '@actions/core'].find((p) => packages.includes(p)) ?? packages[0];
    return named.replace(/^@/, '').replace('/', '-');
  }
  return inputs[0] ? basename(inputs[0][0], '.ts') : 'esbuild-runtime';
};
const renames = new Map();
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.startsWith('dist/chunks/')) continue;
  let name = chunkName(output);
  while ([...renames.values()].includes(name)) name = `${name}-2`;
  renames.set(basename(file), name);
}
for (const file of Object.keys(result.metafile.outputs)) {
  let text = readFileSync(file, 'utf8');
  for (const [from, to] of renames) text = text.replaceAll(`/${from}"`, `/${to}.js"`);
  writeFileSync(file, text);
}
for (const [from, to] of renames) renameSync(join('dist/chunks', from), join('dist/chunks', `${to}.js`));

// The licenses of every package a bundle carries, from its own package.json and LICENSE file.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (m && !packages.has(m[2])) packages.set(m[2], m[1]);
}
const licenseText = (dir) => {
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENSE-MIT']) {
    try {
      return readFileSync(join(dir, name), 'utf8').trim();
    } catch { /* next name */ }
  }
  return '(no license file in the package)';
};
const entries = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return `${name} ${pkg.version} (${pkg.license ?? 'unknown'})\n\n${licenseText(dir)}`;
});
writeFileSync('dist/licenses.txt', `${entries.join(`\n\n${'-'.repeat(78)}\n\n`)}\n`);
