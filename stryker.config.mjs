// `npm run test:mutation`: mutation testing of the pure modules (Stryker with its vitest runner,
// the 9.x line, which runs on Node 20). Slow on two cores, so it stays out of CI's required path.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/shared/{lists,csv-attributes,platform,reference,github-run}.ts',
    'src/inputs/{reader,rules,node-specs}.ts',
    'src/image-build/{build-argv,attestations}.ts',
    'src/buildx/{inspect,failures}.ts',
    'src/builder/{buildkitd-config,create-argv}.ts',
    'src/registry/manifests.ts',
    // The merge's pure checks; resolving, `imagetools create` and the read-back need a registry and
    // are guarded by the e2e merge tests.
    'src/merge/merge.ts:28-56',
  ],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 20000,
  thresholds: { high: 90, low: 80, break: null },
};
