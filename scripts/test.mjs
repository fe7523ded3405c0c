// `npm test`: build dist, the unit tests, then the end-to-end tests against the bed when it is up.
// Without the bed, e2e is skipped LOUDLY, and MULTIARCH_E2E_REQUIRED=1 (set by .ci/run) turns that
// into a failure. Ends with one "N passed, N failed" line over everything that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'mab-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

function vitest(config, name) {
  const json = join(out, `${name}.json`);
  const status = spawnSync('npx', ['vitest', 'run', '--config', config, '--reporter=default',
    '--reporter=json', `--outputFile.json=${json}`], { stdio: 'inherit' }).status ?? 1;
  try {
    const r = JSON.parse(readFileSync(json, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    totals.failed += 1; // no report: the run itself broke
  }
  return status;
}

const finish = (code) => {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(code);
};

if (spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);
if (vitest('vitest.config.ts', 'unit') !== 0) finish(1);

const quiet = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
const rootfs = ['amd64', 'arm64'].map((a) => `__tests__/fixtures/rootfs/rootfs-${a}.tar`);
const problem = !quiet('docker', ['version']) ? 'no engine answers'
  : !quiet('curl', ['-fsS', 'http://127.0.0.1:5000/v2/']) ? 'no registry on 127.0.0.1:5000'
    : rootfs.some((f) => !existsSync(f)) ? 'the rootfs fixtures are missing' : undefined;
if (problem) {
  // A partial bed is as loud as none: the e2e tests that need it would all skip.
  const banner = '!'.repeat(78);
  console.error(`\n${banner}\n!! END-TO-END TESTS SKIPPED: ${problem} (run scripts/test-bed.sh)\n${banner}`);
  finish(process.env.MULTIARCH_E2E_REQUIRED === '1' ? 1 : 0);
}
finish(vitest('vitest.e2e.config.ts', 'e2e'));
