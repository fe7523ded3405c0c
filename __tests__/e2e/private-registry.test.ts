// A company registry with its own CA, which the machine does not know: the push fails with the
// x509 cause and the fix named, and passes once the builder trusts the CA. The engine's own builder
// trusts /etc/docker/certs.d/HOST/ca.crt; the action's own reads trust the same place.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, TLS_CA, TLS_REGISTRY, bedIsUp, makeContext } from './helpers/bed.js';
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
});
