import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, AUTH_LOGIN, AUTH_REGISTRY, bedIsUp, dockerRun, makeContext, uniqueRepo } from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';
import { startTokenServer, TOKEN_REGISTRY } from './helpers/token-server.js';

describe.skipIf(!bedIsUp())('two-platform build pushed to the loopback registry', () => {
  test('outputs equal what the registry serves, and arm64 ran under QEMU', async () => {
    const tag = `${uniqueRepo('app')}:1.0`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE),
      platforms: 'linux/amd64,linux/arm64',
      tags: tag,
      push: 'true',
      builder: 'default',
    });
    expect(run.stdout + run.stderr, run.stdout + run.stderr).not.toContain('::error::');
    expect(run.exitCode).toBe(0);

    const index = await served(tag);
    expect(index.status).toBe(200);
    expect(run.outputs.digest).toBe(index.digest);
    const digests = JSON.parse(run.outputs.digests ?? '{}') as Record<string, string>;
    expect(digests).toEqual(servedPlatforms(index));
    expect(Object.keys(digests).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(run.outputs.platforms).toBe('linux/amd64,linux/arm64');
    expect(run.outputs.imageid).toBe(index.digest);
    expect(JSON.parse(run.outputs.metadata ?? '{}')['containerimage.digest']).toBe(index.digest);

    expect(run.summary).toContain('linux/arm64');
    expect(run.summary).toContain(digests['linux/arm64']);
    expect(run.post?.exitCode).toBe(0);

    expect(dockerRun(tag, 'linux/arm64', '/bin/busybox', 'cat', '/arch')).toBe('aarch64');
    expect(dockerRun(tag, 'linux/amd64', '/bin/busybox', 'cat', '/arch')).toBe('x86_64');
  });

  test("digests are read back with the runner's registry login", async () => {
    const tag = `${uniqueRepo('private', AUTH_REGISTRY)}:1`;
    const dockerConfig = { auths: { [AUTH_REGISTRY]: { auth: Buffer.from(AUTH_LOGIN).toString('base64') } } };
    const run = await runAction(
      { context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', builder: 'default' },
      { dockerConfig },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect((await served(tag)).status).toBe(401); // the registry really wants the login
    const index = await served(tag, AUTH_LOGIN);
    expect(run.outputs.digest).toBe(index.digest);
    expect(JSON.parse(run.outputs.digests ?? '')).toEqual(servedPlatforms(index));
  });

  test('a credential helper named in the docker config serves the login, as docker asks it', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'mab-helper-'));
    const asked = join(bin, 'asked');
    // The credential-helper protocol: `get` with the server on stdin, JSON on stdout.
    writeFileSync(join(bin, 'docker-credential-mab-test'), `#!/bin/sh
read -r server; echo "$1 $server" >> ${asked}
printf '{"ServerURL":"%s","Username":"ci","Secret":"ci-password"}' "$server"
`, { mode: 0o755 });
    const tag = `${uniqueRepo('helper', AUTH_REGISTRY)}:1`;
    const run = await runAction(
      { context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', builder: 'default', platforms: 'linux/arm64' },
      { dockerConfig: { credHelpers: { [AUTH_REGISTRY]: 'mab-test' } }, env: { PATH: `${bin}:${process.env.PATH}` } },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.digest).toBe((await served(tag, AUTH_LOGIN)).digest);
    expect(readFileSync(asked, 'utf8')).toContain(`get ${AUTH_REGISTRY}`);
  });

  test('a registry with token auth (Bearer, as Docker Hub and GHCR): digests read back with a token', async () => {
    const tokens = await startTokenServer();
    try {
      const tag = `${uniqueRepo('bearer', TOKEN_REGISTRY)}:1`;
      const dockerConfig = { auths: { [TOKEN_REGISTRY]: { auth: Buffer.from(AUTH_LOGIN).toString('base64') } } };
      const run = await runAction(
        { context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', builder: 'default' }, { dockerConfig });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      // The action asked for a pull token for the pushed repository, with the runner's login.
      const repository = tag.slice(TOKEN_REGISTRY.length + 1, tag.lastIndexOf(':'));
      expect(tokens.requests).toContainEqual(expect.objectContaining({ scope: `repository:${repository}:pull`, user: 'ci' }));
      const anonymous = await fetch(`http://${TOKEN_REGISTRY}/v2/${repository}/manifests/1`);
      expect(anonymous.status).toBe(401); // the registry really wants a token
      const login = `Basic ${Buffer.from(AUTH_LOGIN).toString('base64')}`;
      const tokenUrl = `http://127.0.0.1:5091/token?service=multiarch-bed&scope=repository:${repository}:pull`;
      const tokenRes = await fetch(tokenUrl, { headers: { authorization: login } });
      const { token } = (await tokenRes.json()) as { token: string };
      const res = await fetch(`http://${TOKEN_REGISTRY}/v2/${repository}/manifests/1`, { headers: {
        authorization: `Bearer ${token}`, accept: 'application/vnd.oci.image.index.v1+json' } });
      const body = Buffer.from(await res.arrayBuffer());
      expect(run.outputs.digest).toBe(`sha256:${createHash('sha256').update(body).digest('hex')}`);
      expect(Object.keys(JSON.parse(run.outputs.digests ?? '{}')).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    } finally {
      await tokens.close();
    }
  });
});
