// A pinned buildx from a loopback release server: downloaded once, checksum verified, kept in the
// tool cache, and a wrong checksum fails naming the file. The served binary is the bed's buildx.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, makeContext, uniqueRepo } from './helpers/bed.js';
import { served } from './helpers/registry.js';
import { startCacheService } from './helpers/cache-service.js';
import { REAL_BUILDX, runAction } from './helpers/run-action.js';

const VERSION = 'v0.29.1';
const FILE = `buildx-${VERSION}.linux-${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;

describe.skipIf(!bedIsUp())('buildx-version', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  let binary: Buffer;
  let sums = '';
  beforeAll(async () => {
    binary = readFileSync(REAL_BUILDX);
    const good = createHash('sha256').update(binary).digest('hex');
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url?.endsWith('/checksums.txt')) res.end(sums || `${good}  ${FILE}\n`);
      else if (req.url?.endsWith(`/${FILE}`)) res.end(binary);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('downloaded once, verified, then found in the tool cache', async () => {
    const toolCache = mkdtempSync(join(tmpdir(), 'mab-toolcache-'));
    const inputs = {
      context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/amd64', push: 'true',
      'buildx-version': VERSION, 'buildx-url': `${base}/releases/{version}/buildx-{version}.{os}-{arch}`,
    };
    const env = { RUNNER_TOOL_CACHE: toolCache };
    const tag = `${uniqueRepo('pinned')}:1`;
    const first = await runAction({ ...inputs, tags: tag }, { env });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`buildx ${VERSION}: ${toolCache}/multiarch-build-buildx/0.29.1/`);
    expect([...requests].sort()).toEqual([`/releases/${VERSION}/${FILE}`, `/releases/${VERSION}/checksums.txt`]);
    // The pinned binary ran, not the runner's plugin: the recording wrapper saw no build.
    expect(first.buildxCalls.filter((c) => c[0] === 'build')).toEqual([]);
    expect((await served(tag)).digest).toBe(first.outputs.digest);

    const second = await runAction({ ...inputs, tags: `${uniqueRepo('pinned')}:2` }, { env });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(requests).toHaveLength(2); // no second download
  });

  test('a new runner restores it from the Actions cache instead of downloading it', async () => {
    const cache = await startCacheService();
    try {
      const inputs = {
        // cache off: the only entry is the pinned buildx (BuildKit's gha cache would add its own)
        context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/amd64', cache: 'off',
        'buildx-version': VERSION, 'buildx-url': `${base}/cached/{version}/buildx-{version}.{os}-{arch}`,
      };
      // Runners share the tool cache's path (/opt/hostedtoolcache), not its contents.
      const toolCache = mkdtempSync(join(tmpdir(), 'mab-toolcache-'));
      const env = { ...cache.env, GITHUB_RUN_ID: '7', RUNNER_TOOL_CACHE: toolCache };
      const first = await runAction(inputs, { env });
      expect(first.exitCode, first.stdout).toBe(0);
      expect(cache.entries().filter((e) => e.finalized).map((e) => e.key)).toEqual(
        [`multiarch-build-buildx-${VERSION}-linux-${process.arch}`]);
      const downloads = requests.filter((u) => u.startsWith('/cached/')).length;
      rmSync(toolCache, { recursive: true, force: true }); // another runner: an empty tool cache
      mkdirSync(toolCache);
      const second = await runAction(inputs, { env });
      expect(second.exitCode, second.stdout).toBe(0);
      expect(requests.filter((u) => u.startsWith('/cached/')).length).toBe(downloads);
      expect(second.stdout).toContain('Cache restored successfully');
    } finally {
      await cache.close();
    }
  });

  test('a wrong checksum fails naming the file, before any build', async () => {
    sums = `${'0'.repeat(64)}  ${FILE}\n`;
    const tag = `${uniqueRepo('pinned-bad')}:1`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/amd64', push: 'true', tags: tag,
      'buildx-version': VERSION, 'buildx-url': `${base}/bad/{version}/buildx-{version}.{os}-{arch}`,
    }, { env: { RUNNER_TOOL_CACHE: mkdtempSync(join(tmpdir(), 'mab-toolcache-')) } });
    sums = '';
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`::error::checksum mismatch for ${FILE}: .*/bad/${VERSION}/checksums.txt says 0{64}`));
    expect((await served(tag)).status).toBe(404);
  });
});
