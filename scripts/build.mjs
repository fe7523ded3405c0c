// One bundle for main and post, readable (not minified) so a dist diff can be reviewed.
import { build } from 'esbuild';
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

await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/index.js',
  legalComments: 'none',
  minify: false,
  sourcemap: false,
  // CommonJS dependencies inside an ES module bundle still call require() for built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [noOidc],
  logLevel: 'warning',
});
