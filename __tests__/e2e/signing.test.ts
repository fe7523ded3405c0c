// Signed releases with a real cosign (2.5.0) and the loopback registry: what the step pushed is
// signed by digest with a key, verified by the step and again here, independently; a signature
// that does not verify fails the step; the merge refuses a source nobody signed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, COSIGN, bedIsUp, makeContext, uniqueRepo } from './helpers/bed.js';
import { startHttpProxy } from './helpers/http-proxy.js';
import { errorLine } from './helpers/log.js';
import { served } from './helpers/registry.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

const PASSWORD = 'a-key-password-never-shown';
const keys = (): { key: string; pub: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'mab-cosign-'));
  execFileSync(COSIGN, ['generate-key-pair'], { cwd: dir, env: { ...process.env, COSIGN_PASSWORD: PASSWORD },
    stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'cosign.key'), 'utf8'), pub: join(dir, 'cosign.pub') };
};

/** This test's own check: cosign verify with the public key, as a deploy job would run it. */
const verifies = (ref: string, pub: string): boolean => spawnSync(COSIGN, ['verify', '--key', pub,
  '--insecure-ignore-tlog', '--allow-http-registry', ref], { stdio: 'ignore' }).status === 0;

/** Nothing of the key or its password in any argv or in the log (but the masks that hide them). */
function keptSecret(run: ActionRun, key: string): void {
  const log = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  const everything = [...log, ...run.cosignCalls.flat(), ...run.buildxCalls.flat()].join('\n');
  expect(everything).not.toContain(PASSWORD);
  for (const line of key.split('\n').filter((l) => l.length > 20)) expect(everything).not.toContain(line);
}

describe.skipIf(!bedIsUp())('signing with cosign', () => {
  let a: { key: string; pub: string };
  let b: { key: string; pub: string };
  beforeAll(() => {
    a = keys();
    b = keys();
  });
  const signWith = (key: string): Record<string, string> => ({ 'sign-key': key, 'sign-tlog': 'false' });
  const env = { COSIGN_PASSWORD: PASSWORD };

  test('a two-platform push is signed by digest: the index and every platform manifest verify', async () => {
    const tag = `${uniqueRepo('signed')}:1`;
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true',
      platforms: 'linux/amd64,linux/arm64', tags: tag, ...signWith(a.key) }, { env, cosign: COSIGN });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const repo = tag.slice(0, tag.lastIndexOf(':'));
    const digests = [run.outputs.digest ?? '', ...Object.values(JSON.parse(run.outputs.digests ?? '{}') as object)];
    expect(digests).toHaveLength(3);
    const signatures = JSON.parse(run.outputs.signatures ?? '{}') as Record<string, string>;
    expect(Object.keys(signatures).sort()).toEqual(digests.map((d) => `${repo}@${d}`).sort());
    for (const d of digests) {
      expect(verifies(`${repo}@${d}`, a.pub)).toBe(true);
      expect(verifies(`${repo}@${d}`, b.pub)).toBe(false); // another key's public half does not
    }
    // Signed by digest, never by tag: no log to wait for, one cosign walks the index.
    const signs = run.cosignCalls.filter((c) => c[0] === 'sign' && c[1] !== '--help');
    expect(signs).toHaveLength(1);
    expect(signs[0]).toContain('--recursive');
    expect(signs[0]?.at(-1)).toBe(`${repo}@${run.outputs.digest}`);
    expect(run.outputs['verify-commands']?.split('\n')).toHaveLength(3);
    expect(run.outputs['verify-commands']).toContain(`cosign verify --key cosign.pub --insecure-ignore-tlog ` +
      `--allow-http-registry ${repo}@${run.outputs.digest}`);
    expect(run.summary).toContain('signatures');
    keptSecret(run, a.key);
  });

  test('a signature that does not verify fails the step, naming the digest', async () => {
    // The registry loses every signature (cosign 2.x's `.sig` tag, 3.x's referrers tag): cosign's push
    // looks fine, verifying finds none.
    const proxy = await startHttpProxy({ host: '127.0.0.1', port: 5000 }, (req) =>
      (req.method !== 'PUT' && /\/manifests\/sha256-[0-9a-f]{64}(\.sig)?$/.test(req.url ?? '') ? {
        status: 404, headers: { 'content-type': 'application/json' },
        body: '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}' } : undefined));
    try {
      const tag = `${proxy.host}/${uniqueRepo('unverified').split('/').slice(1).join('/')}:1`;
      const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true',
        platforms: 'linux/amd64', tags: tag, ...signWith(a.key) }, { env, cosign: COSIGN });
      expect(run.exitCode).toBe(1);
      expect(errorLine(run)).toMatch(/the signature does not verify for .*@sha256:[0-9a-f]{64} \(.*no signatures/);
      expect(run.outputs.signatures ?? '').toBe('');
      keptSecret(run, a.key);
    } finally {
      await proxy.close();
    }
  });

  test('the merge with verify-sources: a source nobody signed is refused by name; two signed legs merge', async () => {
    const repo = uniqueRepo('gate');
    const context = makeContext(ARCH_DOCKERFILE);
    const leg = async (arch: string, signed: boolean): Promise<void> => {
      const run = await runAction({ context, builder: 'default', platforms: `linux/${arch}`, provenance: 'false',
        tags: `${repo}:1.0-${arch}`, push: 'true', ...(signed ? signWith(a.key) : { sign: 'false' }) },
      { env, cosign: COSIGN });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    };
    await leg('amd64', true);
    await leg('arm64', false);
    const merge = (tag: string): Promise<ActionRun> => runAction({ mode: 'merge', tags: `${repo}:${tag}`,
      platforms: 'linux/amd64,linux/arm64', sources: `${repo}:1.0-amd64\n${repo}:1.0-arm64`, 'verify-sources': 'true',
      ...signWith(a.key) }, { env, cosign: COSIGN });
    const refused = await merge('1.0');
    expect(refused.exitCode).toBe(1);
    expect(errorLine(refused)).toMatch(new RegExp(`verify-sources: no valid signature of the key on ` +
      `${repo}@sha256:[0-9a-f]{64} .*nothing was pushed`));
    expect(errorLine(refused)).not.toContain('1.0-amd64');
    expect(refused.buildxCalls.filter((c) => c[0] === 'imagetools')).toEqual([]);
    expect((await served(`${repo}:1.0`)).status).toBe(404);

    await leg('arm64', true);
    const merged = await merge('1.1');
    expect(merged.exitCode, merged.stdout + merged.stderr).toBe(0);
    expect(verifies(`${repo}@${merged.outputs.digest}`, a.pub)).toBe(true);
    keptSecret(merged, a.key);
  });
});
