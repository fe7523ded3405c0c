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

/** Sequential round trips in a list of arrival times: a new one starts after a pause of `gapMs`. */
function roundTrips(times: number[], gapMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.filter((t, i) => i === 0 || t - (sorted[i - 1] ?? 0) > gapMs).length;
}

// A registry 150 ms away with token auth, as Docker Hub and GHCR: the read-back of three tags costs
// three round trips (the probe, one token, then every name at once) and spends one pull (one GET;
// the other tags are HEADs); the sizes for the summary come after the outputs.
describe.skipIf(!bedIsUp())('round trips to a registry far away', () => {
  test('three tags read back in 3 round trips, one probe, one token, one pull', async () => {
    const tokens = await startTokenServer();
    const proxy = await startHttpProxy({ host: '127.0.0.1', port: 5002 }, undefined, 150);
    try {
      const repo = uniquePath('far');
      const tags = ['1', '1.0', 'latest'].map((t) => `${proxy.host}/${repo}:${t}`).join(',');
      const dockerConfig = { auths: { [proxy.host]: { auth: Buffer.from('ci:ci-password').toString('base64') } } };
      // cache off: the registry cache next to the image asks the registry too; counted here is the read-back
      const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), tags, push: 'true', builder: 'default',
        platforms: 'linux/amd64,linux/arm64', cache: 'off' }, { dockerConfig });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      const ours = proxy.requests.filter((r) => r.userAgent === 'multiarch-build');
      const byDigest = (r: { path: string }): boolean => /\/manifests\/sha256:/.test(r.path);
      const readBack = ours.filter((r) => !byDigest(r));
      const token = tokens.requests.filter((t) => t.scope === `repository:${repo}:pull`);
      console.log(`read-back: ${readBack.map((r) => `${r.method} ${r.path}`).join(', ')}; tokens: ${token.length}; ` +
        `size reads: ${ours.filter(byDigest).length}`);
      expect(readBack.filter((r) => r.path === '/v2/')).toHaveLength(1);
      expect(token).toHaveLength(1);
      expect(readBack.filter((r) => r.method === 'GET' && r.path !== '/v2/')).toHaveLength(1); // one pull
      expect(readBack.filter((r) => r.method === 'HEAD')).toHaveLength(2);
      // Round trips: the probe, the token (its service is local here), then every name at once.
      expect(roundTrips(readBack.map((r) => r.time), 100)).toBe(2);
      const probe = readBack.find((r) => r.path === '/v2/')?.time ?? 0;
      const names = Math.min(...readBack.filter((r) => r.path !== '/v2/').map((r) => r.time));
      expect(token[0]?.time).toBeGreaterThan(probe);
      expect(token[0]?.time).toBeLessThan(names);
    } finally {
      await proxy.close();
      await tokens.close();
    }
  });
});
