// Two faults users meet on real registries and mirrors, through an HTTP proxy in front of the
// loopback registries: a base image's layer served with the right length and wrong bytes (a flaky
// CDN, a caching proxy, a mirror mid-update), and bearer tokens that die early. What BuildKit
// already survives is not retried; what it cannot is, and the line says which it was.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import {
  ARCH_DOCKERFILE, AUTH_REGISTRY, BUILDKIT_IMAGE, ENGINE_B_SOCKET, REGISTRY, bedIsUp, makeContext, uniquePath,
  uniqueRepo,
} from './helpers/bed.js';
import { startHttpProxy, type HttpProxy } from './helpers/http-proxy.js';
import { errorLine } from './helpers/log.js';
import { served } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';
import { pullAuthorization, startTokenServer, TOKEN_REGISTRY, type TokenServer } from './helpers/token-server.js';

const LAYER_GET = /^\/v2\/.+\/blobs\/(sha256:[0-9a-f]{64})$/;
const layerOf = (corrupted: string[]): string => corrupted[0] ?? 'none';
const login = (host: string, password = 'ci-password'): object =>
  ({ auths: { [host]: { auth: Buffer.from(`ci:${password}`).toString('base64') } } });

/**
 * A base image on the loopback registry that engine A's builders have never seen: built and pushed
 * by engine B, with a layer of random bytes, so every build downloads its layers.
 */
function freshBaseImage(): string {
  const base = `${uniqueRepo('base')}:1`;
  const ctx = makeContext(`${ARCH_DOCKERFILE}RUN ["/bin/busybox", "sh", "-c", ` +
    '"/bin/busybox head -c 300000 /dev/urandom > /noise"]\n');
  execFileSync('docker', ['buildx', 'build', '--builder', 'default', '--no-cache', '--platform', 'linux/amd64', '--push',
    '--tag', base, ctx], { stdio: 'pipe', timeout: 120_000, env: { ...process.env, DOCKER_HOST: ENGINE_B_SOCKET } });
  return base;
}

describe.skipIf(!bedIsUp())('registry faults past the nine', () => {
  let proxy: HttpProxy | undefined;
  let tokens: TokenServer | undefined;
  afterEach(async () => {
    await proxy?.close();
    await tokens?.close();
    proxy = undefined;
    tokens = undefined;
  });

  /** A proxy that serves one layer (the first large one asked for) with a byte flipped, `times` times. */
  async function corruptingProxy(times: number): Promise<{ corrupted: string[] }> {
    const corrupted: string[] = [];
    let target: string | undefined;
    proxy = await startHttpProxy({ host: '127.0.0.1', port: 5000 }, async (req) => {
      const blob = req.method === 'GET' ? LAYER_GET.exec(req.url ?? '')?.[1] : undefined;
      if (!blob || corrupted.length >= times) return undefined;
      const res = await fetch(`http://${REGISTRY}${req.url}`);
      const body = Buffer.from(await res.arrayBuffer());
      const headers = Object.fromEntries(res.headers);
      if (body.length >= 100_000) target ??= blob;
      if (blob !== target || corrupted.length >= times) return { status: res.status, headers, body };
      corrupted.push(blob);
      body[body.length >> 1] = (body[body.length >> 1] ?? 0) ^ 0xff;
      return { status: 200, headers, body };
    });
    return { corrupted };
  }

  const corruptBuild = async (times: number) => {
    const base = freshBaseImage();
    const { corrupted } = await corruptingProxy(times);
    const from = base.replace(REGISTRY, proxy?.host ?? '');
    const tag = `${uniqueRepo('on-corrupt')}:1`;
    const run = await runAction({
      context: makeContext(`FROM ${from}\nRUN ["/bin/busybox", "sh", "-c", "echo built > /built"]\n`),
      'buildkit-image': BUILDKIT_IMAGE, platforms: 'linux/amd64', tags: tag, push: 'true', 'retry-delay': '1',
    });
    return { run, tag, from, corrupted };
  };

  test('a layer served corrupted twice, then good: passes on attempt 3, the corrupt download named', async () => {
    const { run, tag, from, corrupted } = await corruptBuild(2);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(corrupted).toHaveLength(2);
    expect(corrupted[1]).toBe(corrupted[0]);
    // The third attempt downloaded the layer again: the builder did not keep the corrupted copy.
    expect(proxy?.requests.filter((r) => r.method === 'GET' && r.path.endsWith(layerOf(corrupted)))).toHaveLength(3);
    expect(run.stdout).toContain(`the corrupted layer-${corrupted[0]} is forgotten, the next attempt downloads it`);
    expect(run.outputs.attempts).toBe('3');
    const layer = corrupted[0] ?? '';
    expect(run.stdout).toContain(`attempt 1 of 3 failed, transient (a download arrived corrupted): a download ` +
      `arrived corrupted: layer ${layer} of ${from} (its bytes hashed to sha256:`);
    expect(run.summary).toContain(`a download arrived corrupted: layer ${layer} of ${from}`);
    const index = await served(tag);
    expect(run.outputs.digest).toBe(index.digest);
  });

  test('a layer served corrupted every time: fails after the retries in one line naming it, nothing pushed', async () => {
    const { run, tag, from, corrupted } = await corruptBuild(100);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.attempts).toBe('3');
    const error = errorLine(run);
    expect(error).toMatch(new RegExp('failed \\(3 attempts, transient \\(a download arrived corrupted\\), still ' +
      `failing after 3 attempts\\): a download arrived corrupted: layer ${corrupted[0]} of ${from.replace(/[.]/g, '\\.')}`));
    expect(error).toContain('Fix: every download of it arrived corrupted');
    expect((await served(tag)).status).toBe(404);
  });

  // Tokens the registry accepts for 2 s (the client is told so), through a proxy 400 ms away: a
  // two-platform push outlives several. BuildKit fetches fresh tokens itself on the 401s.
  test('tokens expiring mid-push: BuildKit renews them, the push passes, no attempt of ours is spent', async () => {
    tokens = await startTokenServer('ci:ci-password', { lifetimeSeconds: 2 });
    proxy = await startHttpProxy({ host: '127.0.0.1', port: 5002 }, undefined, 400);
    const tag = `${proxy.host}/${uniquePath('expiring')}:1`;
    const run = await runAction({
      context: makeContext(`${ARCH_DOCKERFILE}RUN ["/bin/busybox", "sh", "-c", ` +
        '"/bin/busybox head -c 3000000 /dev/urandom > /noise"]\n'),
      builder: 'default', platforms: 'linux/amd64,linux/arm64', tags: tag, push: 'true',
    }, { dockerConfig: login(proxy.host) });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.attempts).toBe('1');
    const refused = proxy.requests.filter((r) => r.status === 401 && r.path !== '/v2/').length;
    const pushScopes = tokens.requests.filter((r) => r.scope.endsWith(':pull,push') || r.scope.endsWith(':push,pull'));
    console.log(`expiring tokens: ${refused} requests met a 401, ${pushScopes.length} push tokens fetched, ` +
      `${run.seconds.toFixed(1)} s`);
    expect(pushScopes.length).toBeGreaterThan(2);
    const direct = tag.replace(proxy.host, TOKEN_REGISTRY);
    const repository = direct.slice(TOKEN_REGISTRY.length + 1, direct.lastIndexOf(':'));
    expect((await served(direct, await pullAuthorization(repository))).digest).toBe(run.outputs.digest);
  });

  test('a token refused as soon as it is issued: not the login, tried once more, then named', async () => {
    tokens = await startTokenServer('ci:ci-password', { lifetimeSeconds: 0 });
    const tag = `${TOKEN_REGISTRY}/${uniquePath('refused-token')}:1`;
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/amd64',
      tags: tag, push: 'true', 'retry-delay': '1' }, { dockerConfig: login(TOKEN_REGISTRY) });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.attempts).toBe('2');
    const error = errorLine(run);
    expect(error).toContain('transient (the registry refused a token its token service issued for this login ' +
      '(expired or too narrow)), still failing after 2 attempts');
    expect(error).toContain('401 Unauthorized');
    expect(error).toContain('Fix: the login is accepted, its token is not');
    expect(error).not.toContain('log in first');
  });

  // A wrong password at a token service: registry-answers.test.ts.
  test('a wrong password at a registry that asks for Basic credentials: at once, log in', async () => {
    const tag = `${AUTH_REGISTRY}/${uniquePath('basic-denied')}:1`;
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/amd64',
      tags: tag, push: 'true', 'retry-delay': '1' }, { dockerConfig: login(AUTH_REGISTRY, 'wrong') });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.attempts).toBe('1');
    const error = errorLine(run);
    expect(error).toContain('not retried: the registry refused the credentials');
    expect(error).toContain('log in first');
  });
});
