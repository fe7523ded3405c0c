// A company registry with its own CA, which the machine does not know: the push fails with the
// x509 cause and the fix named, and passes once the builder trusts the CA. The engine's own builder
// trusts /etc/docker/certs.d/HOST/ca.crt; the action's own reads trust the same place.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, COSIGN, TLS_CA, TLS_REGISTRY, bedIsUp, makeContext } from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';

const CERTS_D = `/etc/docker/certs.d/${TLS_REGISTRY}`;
const tag = (): string => `${TLS_REGISTRY}/e2e-${Date.now().toString(36)}/app:1`;

describe.skipIf(!bedIsUp())('a TLS registry with a private CA', () => {
  afterEach(() => rmSync(CERTS_D, { recursive: true, force: true }));

  test('untrusted: fails once with the x509 cause and the fix, and nothing is published', async () => {
    rmSync(CERTS_D, { recursive: true, force: true });
    const ref = tag();
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', tags: ref, push: 'true' });
    expect(run.exitCode).toBe(1);
    const error = run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    expect(error).toMatch(/x509: certificate signed by unknown authority/);
    expect(error).toContain('not retried: a certificate the builder does not trust');
    expect(error).toContain('Fix: the builder does not trust the registry\'s certificate');
    expect((await served(ref, undefined, TLS_CA)).status).toBe(404);
  });

  test('trusted through certs.d: the push passes and the digests are read back over TLS', async () => {
    mkdirSync(CERTS_D, { recursive: true });
    copyFileSync(TLS_CA, `${CERTS_D}/ca.crt`);
    const ref = tag();
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', tags: ref, push: 'true' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const index = await served(ref, undefined, TLS_CA);
    expect(run.outputs.digest).toBe(index.digest);
    expect(JSON.parse(run.outputs.digests ?? '')).toEqual(servedPlatforms(index));
  });

  // Signing speaks to the same registry: cosign trusts `registry-ca` through the same bundle as
  // buildx (SSL_CERT_FILE: the system's roots and the CA), the runner's trust store untouched.
  test('signed and verified on the TLS registry with registry-ca', async () => {
    mkdirSync(CERTS_D, { recursive: true });
    copyFileSync(TLS_CA, `${CERTS_D}/ca.crt`); // the engine's own builder pushes
    const dir = mkdtempSync(join(tmpdir(), 'mab-cosign-tls-'));
    execFileSync(COSIGN, ['generate-key-pair'], { cwd: dir, env: { ...process.env, COSIGN_PASSWORD: 'pw' },
      stdio: 'ignore' });
    const ref = tag();
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', tags: ref, push: 'true',
      'registry-ca': `${TLS_REGISTRY}=${TLS_CA}`, 'sign-key': readFileSync(join(dir, 'cosign.key'), 'utf8'),
      'sign-tlog': 'false' }, { env: { COSIGN_PASSWORD: 'pw' }, cosign: COSIGN });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const repo = ref.slice(0, ref.lastIndexOf(':'));
    expect(Object.keys(JSON.parse(run.outputs.signatures ?? '{}'))).toContain(`${repo}@${run.outputs.digest}`);
    // Verified here with the CA given to cosign alone.
    const verified = spawnSync(COSIGN, ['verify', '--key', join(dir, 'cosign.pub'), '--insecure-ignore-tlog',
      `${repo}@${run.outputs.digest}`], { env: { ...process.env, SSL_CERT_FILE: TLS_CA }, encoding: 'utf8' });
    expect(verified.status, verified.stderr).toBe(0);
  });
});
