// Bad inputs through the built action: one ::error:: line naming the input and the value, no
// stack trace, and no buildx process started. Needs no engine: validation runs before any.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './helpers/bed.js';
import { actionNode } from './helpers/action-node.js';
import { runAction } from './helpers/run-action.js';

const ctx = mkdtempSync(join(tmpdir(), 'mab-bad-'));
writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\n');

const cases: [string, string][] = [
  ['platforms', 'linux/amd65'],
  ['platforms', 'linux/arm64,linux/arm64'],
  ['platforms', 'linux/arm64/v7'],
  ['tags', 'localhost:5000/UPPER/app:1'],
  ['tags', 'app:tag with space'],
  ['push', 'yes'],
  ['load', 'nope'],
  ['pull', '2'],
  ['no-cache', 'sometimes'],
  ['context', '/definitely/not/here'],
  ['file', '/definitely/not/here/Dockerfile'],
  ['build-args', 'NOT VALID=1'],
  ['labels', 'just-a-key'],
  ['secret-envs', 'token=not-an-env-name!'],
  ['secret-files', 'key=/definitely/not/here'],
  ['cache-to', 'mode=max'],
  ['shm-size', 'huge'],
  ['ulimit', 'nofile:10'],
  ['add-hosts', 'nohostip'],
  ['allow', 'everything'],
  ['call', 'format-disk'],
  ['network', 'host; curl evil'],
  ['builder', 'x$(reboot)'],
  ['target', 'two words'],
  ['attests', 'sbom'],
  ['qemu', 'maybe'],
  ['qemu-image', 'Not/A Reference'],
  ['qemu-platforms', 'linux/arm65'],
  ['driver', 'podman'],
  ['driver-opts', 'network'],
  ['nodes', '- {name: a, platfrom: linux/amd64}'],
  ['nodes', 'name: not-a-list'],
  ['host-network', 'off'],
  ['boot-timeout', '-5'],
  ['boot-retries', 'twice'],
  ['cleanup', 'nope'],
  ['retries', '-1'],
  ['retry-delay', 'soon'],
  ['attempt-timeout', '0'],
  ['registry-ca', 'registry.test:5443=/no/such/ca.pem'],
  ['insecure-registries', 'http://not-a-host'],
  ['registry-mirrors', 'docker.io=ftp://mirror'],
  ['cache-keep-storage', 'plenty'],
  ['buildx-version', 'latest'],
  ['buildx-url', 'ftp://mirror/buildx'],
  ['mode', 'combine'],
  ['push-by-digest', 'maybe'],
  ['image', 'ghcr.io/o/app:1'],
  ['sources', 'Not A Ref'],
];

describe('bad inputs fail before any docker command', () => {

  test.each(cases)('%s: %j', async (name, value) => {
    const run = await runAction({ context: ctx, builder: 'default', [name]: value }, { post: false });
    expect(run.exitCode).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Input "${name}": ${JSON.stringify(value.split('\n')[0])}`);
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
    expect(run.buildxCalls).toEqual([]);
    expect(run.dockerCalls).toEqual([]); // the recorder sees them: see qemu.test.ts
  });

  test('push without tags names the tags input', async () => {
    const run = await runAction({ context: ctx, push: 'true' }, { post: false });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Input "tags": "" is empty, but push is true');
    expect(run.buildxCalls).toEqual([]);
    expect(run.dockerCalls).toEqual([]);
  });
});

// A runner that reads the step's stdout more slowly than the step writes it: the error line must
// still arrive whole, however much output is queued when the step ends. The slow reader is a pipe
// into a process that waits before it reads (`sleep`, then `cat`).
test('the error line arrives whole through a slow pipe reader', () => {
  const value = `${'a'.repeat(120_000)}!`; // echoed in the one error line: 120 KB, past a pipe's 64 KB
  const dir = mkdtempSync(join(tmpdir(), 'mab-slow-'));
  const env = { PATH: process.env.PATH ?? '', HOME: dir, RUNNER_TEMP: dir, GITHUB_STATE: join(dir, 'state'),
    GITHUB_OUTPUT: join(dir, 'output'), INPUT_CONTEXT: ctx, INPUT_BUILDER: 'default', INPUT_TAGS: value };
  for (const f of [env.GITHUB_STATE, env.GITHUB_OUTPUT]) writeFileSync(f, '');
  const res = spawnSync('bash', ['-o', 'pipefail', '-c', '"$0" "$1" | { sleep 1.5; cat; }', actionNode(),
    join(ROOT, 'dist/index.js')], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  expect(res.status).toBe(1);
  const errors = res.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(`Input "tags": "${value}"`);
});
