// What signing adds to a two-platform push: the action unsigned and signed with a key (cosign
// 2.5.0, no transparency log: the bed has no Rekor), interleaved round after round, medians.
// A fresh tag each time, the build cached: the difference is the signing stage (sign --recursive,
// then a verify of the index and of each platform manifest).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ARCH_DOCKERFILE, COSIGN, bedIsUp, makeContext, uniqueRepo } from '../__tests__/e2e/helpers/bed.js';
import { median, timedAction } from './rounds.js';

test.skipIf(!bedIsUp())('signing a two-platform push: unsigned vs signed, interleaved', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mab-bench-cosign-'));
  execFileSync(COSIGN, ['generate-key-pair'], { cwd: dir, env: { ...process.env, COSIGN_PASSWORD: 'pw' },
    stdio: 'ignore' });
  const key = readFileSync(join(dir, 'cosign.key'), 'utf8');
  const context = makeContext(ARCH_DOCKERFILE);
  const base = { context, builder: 'default', platforms: 'linux/amd64,linux/arm64', push: 'true' };
  const opts = { env: { COSIGN_PASSWORD: 'pw' }, cosign: COSIGN };
  await timedAction({ ...base, tags: `${uniqueRepo('warm')}:1` }, opts); // the build cache, warm
  const unsigned: number[] = [];
  const signed: number[] = [];
  for (let i = 0; i < 5; i++) {
    unsigned.push((await timedAction({ ...base, tags: `${uniqueRepo('unsigned')}:1` }, opts)).seconds);
    signed.push((await timedAction({ ...base, tags: `${uniqueRepo('signed')}:1`, 'sign-key': key,
      'sign-tlog': 'false' }, opts)).seconds);
  }
  const [u, s] = [median(unsigned), median(signed)];
  console.log(`two-platform push, 5 interleaved rounds: unsigned ${u.toFixed(3)} s, signed ${s.toFixed(3)} s, ` +
    `signing adds ${(s - u).toFixed(3)} s`);
  expect(s).toBeGreaterThan(0);
});
