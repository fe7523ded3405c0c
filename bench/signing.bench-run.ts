// What signing adds to a two-platform push, interleaved round after round, medians:
// - with a key (cosign 2.5.0, no transparency log);
// - keyless against the bed's Sigstore (cosign 3.1.1, the job's token from the bed's issuer, a
//   certificate from its Fulcio, a timestamp), with the log (Rekor v2: each entry waits for the
//   next checkpoint, published every 250 ms on the bed) and without it (a private repository).
// A fresh tag each time, the build cached: the difference is the signing stage (the index and each
// manifest in it, then a verify of the index and of each platform manifest).
// The goal: keyless signing adds <= 1 s.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ARCH_DOCKERFILE, COSIGN, bedIsUp, makeContext, uniqueRepo } from '../__tests__/e2e/helpers/bed.js';
import { bedSigstore, jobTokenEnv } from '../__tests__/e2e/helpers/sigstore.js';
import { median, timedAction } from './rounds.js';

const ROUNDS = Number(process.env.BENCH_SIGNING_ROUNDS ?? 5);

test.skipIf(!bedIsUp())('signing a two-platform push: unsigned, key, keyless with and without the log', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mab-bench-cosign-'));
  execFileSync(COSIGN, ['generate-key-pair'], { cwd: dir, env: { ...process.env, COSIGN_PASSWORD: 'pw' },
    stdio: 'ignore' });
  const key = readFileSync(join(dir, 'cosign.key'), 'utf8');
  const bed = bedSigstore();
  if (!bed) throw new Error('the bed\'s Sigstore is not up (scripts/test-bed.sh sigstore)');
  const context = makeContext(ARCH_DOCKERFILE);
  const base = { context, builder: 'default', platforms: 'linux/amd64,linux/arm64', push: 'true' };
  const keyOpts = { env: { COSIGN_PASSWORD: 'pw' }, cosign: COSIGN };
  const keylessOpts = { env: jobTokenEnv(bed), cosign: bed.cosign };
  const instance = { 'sigstore-signing-config': bed.signingConfig, 'sigstore-trusted-root': bed.trustedRoot };
  await timedAction({ ...base, tags: `${uniqueRepo('warm')}:1` }, keyOpts); // the build cache, warm
  const t: Record<'unsigned' | 'key' | 'keyless' | 'keylessNoLog', number[]> =
    { unsigned: [], key: [], keyless: [], keylessNoLog: [] };
  for (let i = 0; i < ROUNDS; i++) {
    t.unsigned.push((await timedAction({ ...base, tags: `${uniqueRepo('unsigned')}:1` }, keyOpts)).seconds);
    t.key.push((await timedAction({ ...base, tags: `${uniqueRepo('signed')}:1`, 'sign-key': key,
      'sign-tlog': 'false' }, keyOpts)).seconds);
    const keyless = await timedAction({ ...base, tags: `${uniqueRepo('keyless')}:1`, sign: 'true', 'sign-tlog': 'true',
      ...instance }, keylessOpts);
    expect(keyless.run.outputs.signed).toBe('true');
    t.keyless.push(keyless.seconds);
    t.keylessNoLog.push((await timedAction({ ...base, tags: `${uniqueRepo('keyless-private')}:1`, sign: 'true',
      'sign-tlog': 'false', ...instance }, keylessOpts)).seconds);
  }
  const u = median(t.unsigned);
  const row = (label: string, xs: number[]): string => `  ${label.padEnd(28)} ${median(xs).toFixed(3)} s  ` +
    `adds ${(median(xs) - u).toFixed(3)} s  ratio ${(median(xs) / u).toFixed(2)}  ` +
    `(all: ${xs.map((x) => x.toFixed(2)).join(', ')})`;
  console.log([`two-platform push, ${ROUNDS} interleaved rounds (medians):`,
    `  ${'unsigned'.padEnd(28)} ${u.toFixed(3)} s`, row('key, no log', t.key), row('keyless, with the log', t.keyless),
    row('keyless, no log (private)', t.keylessNoLog)].join('\n'));
  expect(u).toBeGreaterThan(0);
});
