// `npm test`: unit tests, then the end-to-end tests against the bed when it is up. Without the
// bed, e2e is skipped LOUDLY, and MULTIARCH_E2E_REQUIRED=1 (set by .ci/run) turns that into a failure.
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync('npx', args, { stdio: 'inherit' }).status ?? 1;
const quiet = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;

if (run(['vitest', 'run', '--config', 'vitest.config.ts']) !== 0) process.exit(1);

const bedUp = quiet('docker', ['version']) && quiet('curl', ['-fsS', 'http://127.0.0.1:5000/v2/']);
if (!bedUp) {
  const banner = '!'.repeat(78);
  console.error(`\n${banner}\n!! END-TO-END TESTS SKIPPED: no engine or registry (run scripts/test-bed.sh)\n${banner}\n`);
  process.exit(process.env.MULTIARCH_E2E_REQUIRED === '1' ? 1 : 0);
}
process.exit(run(['vitest', 'run', '--config', 'vitest.e2e.config.ts']));
