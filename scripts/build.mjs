// One bundle for main and post, readable (not minified) so a dist diff can be reviewed.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
import { fileURLToPath } from 'node:url';

const oidcStub = fileURLToPath(new URL('./stubs/oidc-utils.js', import.meta.url));

/** Replaces @actions/core's OIDC client (never used here) by a stub; see the stub's comment. */
const noOidc = {
  name: 'no-oidc',
  setup(b) {
    b.onResolve({ filter: /oidc-utils\.js$/ }, (args) =>
      args.importer.includes('@actions/core') ? { path: oidcStub } : undefined);
  },
};

rmSync('dist', { recursive: true, force: true }); // chunk names change with their content

await build({
  // The action (main and post) and the local CLI, which shares all but its input/output adapter.
  entryPoints: ['src/index.ts', 'src/cli/cli.ts'],
  define: { __INPUT_NAMES__: JSON.stringify(Object.keys(parse(readFileSync('action.yml', 'utf8')).inputs)) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Code only some runs need (the YAML parser for `nodes`, the cache client) loads lazily from
  // dist/chunks/, as does the code the action and the CLI share.
  splitting: true,
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minify: false,
  sourcemap: false,
  // CommonJS dependencies inside an ES module bundle still call require() for built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  plugins: [noOidc],
  logLevel: 'warning',
});
