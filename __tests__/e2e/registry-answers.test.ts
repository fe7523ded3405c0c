// What a registry answers decides whether a failed push is tried again: an HTTP proxy in front of
// the loopback registry answers manifest PUTs with a 500 or a 429 (with Retry-After), and a token
// server refuses a wrong password, as Docker Hub and GHCR do.
import { afterEach, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, makeContext, uniquePath } from './helpers/bed.js';
import { startHttpProxy, type HttpProxy, type Rule } from './helpers/http-proxy.js';
import { errorLine } from './helpers/log.js';
import { served } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';
import { startTokenServer, TOKEN_REGISTRY } from './helpers/token-server.js';

const manifestPut = (method?: string, url?: string): boolean => method === 'PUT' && /\/manifests\//.test(url ?? '');

describe.skipIf(!bedIsUp())('registry answers on push', () => {
  let proxy: HttpProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  async function pushThrough(rule: Rule, inputs: Record<string, string> = {}) {
    proxy = await startHttpProxy({ host: '127.0.0.1', port: 5000 }, rule);
    const repo = `${uniquePath('app')}:1`;
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true',
      platforms: 'linux/amd64', tags: `${proxy.host}/${repo}`, 'retry-delay': '1', ...inputs });
    return { run, direct: `127.0.0.1:5000/${repo}` };
  }

  // Docker Hub, GHCR and ECR answer 500 for a moment under load (docker/hub-feedback#1761: 12 of 100
  // pushes; moby/moby#19191), and a re-push passes; BuildKit gives up after its own few tries.
  test('a 500 on the manifest PUT for 12 s: transient, retried, and the retry publishes', async () => {
    const t0 = Date.now();
    const { run, direct } = await pushThrough((req) =>
      (manifestPut(req.method, req.url) && Date.now() - t0 < 12_000 ? { status: 500, body: 'boom' } : undefined));
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/attempt 1 of 3 failed, transient \(server error \(5xx\)\)/);
    expect(Number(run.outputs.attempts)).toBeGreaterThan(1);
    expect((await served(direct)).digest).toBe(run.outputs.digest);
  });

  // A rate limit on every manifest request for 8 s, past BuildKit's own few tries (0, 1, 3, 7 s).
  test('a 429 with Retry-After: 4: the next attempt waits 4 s, not the 1 s retry-delay', async () => {
    const t0 = Date.now();
    const { run } = await pushThrough((req) => (/\/manifests\//.test(req.url ?? '') && Date.now() - t0 < 8_000 ?
      { status: 429, headers: { 'retry-after': '4', 'content-type': 'application/json' },
        body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"rate limited"}]}' } : undefined));
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/transient \(rate limited \(429\)\).*trying again in 4s/);
    const seen = proxy?.requests ?? [];
    const lastRefused = Math.max(...seen.filter((r) => r.status === 429).map((r) => r.at));
    const next = seen.find((r) => manifestPut(r.method, r.path) && r.status !== 429 && r.at > lastRefused);
    expect((next?.at ?? 0) - lastRefused).toBeGreaterThanOrEqual(3900);
  });

  test('a wrong password at a token service: one attempt, the registry named, log in', async () => {
    const tokens = await startTokenServer();
    try {
      const tag = `${TOKEN_REGISTRY}/${uniquePath('denied')}:1`;
      const dockerConfig = { auths: { [TOKEN_REGISTRY]: { auth: Buffer.from('ci:wrong').toString('base64') } } };
      const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true',
        builder: 'default', platforms: 'linux/amd64', 'retry-delay': '1' }, { dockerConfig });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.attempts, errorLine(run)).toBe('1');
      const error = errorLine(run);
      expect(error).toContain('not retried');
      expect(error).toContain(TOKEN_REGISTRY);
      expect(error).toContain('log in');
      console.log(`token requests refused in the one attempt: ${tokens.requests.length}`);
    } finally {
      await tokens.close();
    }
  });
});
