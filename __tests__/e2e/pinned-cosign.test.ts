// A pinned cosign from a loopback release server, as buildx-version does it: downloaded once,
// checksum verified against cosign_checksums.txt, run for signing; a wrong checksum fails before
// any build. The served binary is the bed's cosign (no cosign on the step's PATH).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, COSIGN, bedIsUp, makeContext, uniqueRepo } from './helpers/bed.js';
import { runAction } from './helpers/run-action.js';

const VERSION = 'v2.5.0';
const FILE = `cosign-linux-${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;

describe.skipIf(!bedIsUp())('cosign-version', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  let key = '';
  beforeAll(async () => {
    const binary = readFileSync(COSIGN);
    const good = createHash('sha256').update(binary).digest('hex');
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url?.endsWith('/cosign_checksums.txt')) {
        res.end(`${req.url.startsWith('/bad/') ? '0'.repeat(64) : good}  ${FILE}\n`);
      } else if (req.url?.endsWith(`/${FILE}`)) res.end(binary);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'mab-cosign-pin-'));
    execFileSync(COSIGN, ['generate-key-pair'], { cwd: dir, env: { ...process.env, COSIGN_PASSWORD: 'pw' },
      stdio: 'ignore' });
    key = readFileSync(join(dir, 'cosign.key'), 'utf8');
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const inputs = (prefix: string): Record<string, string> => ({
    context: makeContext(ARCH_DOCKERFILE), builder: 'default', platforms: 'linux/amd64', push: 'true',
    tags: `${uniqueRepo('cosign-pin')}:1`, 'sign-key': key, 'sign-tlog': 'false', 'cosign-version': VERSION,
    'cosign-url': `${base}/${prefix}/{version}/cosign-{os}-{arch}`,
  });

  test('downloaded, verified, kept in the tool cache, and it signs', async () => {
    const toolCache = mkdtempSync(join(tmpdir(), 'mab-toolcache-'));
    const run = await runAction(inputs('good'), { env: { RUNNER_TOOL_CACHE: toolCache, COSIGN_PASSWORD: 'pw' } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`cosign: ${toolCache}/multiarch-build-cosign/2.5.0/`);
    expect([...requests].sort()).toEqual([`/good/${VERSION}/${FILE}`, `/good/${VERSION}/cosign_checksums.txt`]);
    const repo = run.env.INPUT_TAGS?.replace(/:1$/, '');
    expect(Object.keys(JSON.parse(run.outputs.signatures ?? '{}'))).toContain(`${repo}@${run.outputs.digest}`);
  });

  test('a wrong checksum fails naming the file, before any build', async () => {
    const run = await runAction(inputs('bad'), {
      env: { RUNNER_TOOL_CACHE: mkdtempSync(join(tmpdir(), 'mab-toolcache-')), COSIGN_PASSWORD: 'pw' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`::error::checksum mismatch for ${FILE}: .*cosign_checksums.txt says 0{64}`));
    expect(run.buildxCalls.filter((c) => c[0] === 'build')).toEqual([]);
  });
});
