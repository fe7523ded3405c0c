// The bundles, readable (not minified) so a dist diff can be reviewed, each under a stable name:
//   dist/index.js       the action (main and post: the saved state tells which runs)
//   dist/cli.js         the local CLI: the same pipeline behind another input/output adapter
//   dist/lazy-cache.js  the Actions cache and tool-cache clients, loaded only by runs that use them
//   dist/lazy-yaml.js   the YAML parser, loaded only by runs with `nodes`
// plus dist/licenses.txt for the third-party code they carry.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionInputsDefine } from './action-inputs.mjs';

const oidcStub = fileURLToPath(new URL('./stubs/oidc-utils.js', import.meta.url));
const LAZY = /(^|\/)(lazy-cache|lazy-yaml)\.js$/;

/** Replaces @actions/core's OIDC client (never used here) by a stub; see the stub's comment. */
const noOidc = {
  name: 'no-oidc',
  setup(b) {
    b.onResolve({ filter: /oidc-utils\.js$/ }, (args) =>
      args.importer.includes('@actions/core') ? { path: oidcStub } : undefined);
  },
};

/** The lazy modules stay apart: an import of one becomes an import of its sibling bundle. */
const lazyApart = {
  name: 'lazy-apart',
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) => ({ path: `./${args.path.match(LAZY)[2]}.js`, external: true }));
  },
};

rmSync('dist', { recursive: true, force: true });

const result = await build({
  entryPoints: {
    index: 'src/index.ts', cli: 'src/cli/cli.ts',
    'lazy-cache': 'src/runtime/lazy-cache.ts', 'lazy-yaml': 'src/inputs/lazy-yaml.ts',
  },
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
  plugins: [noOidc, lazyApart],
  logLevel: 'warning',
});

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
