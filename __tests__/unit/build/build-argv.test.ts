import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildCommand, pushesToRegistry } from '../../../src/build/build-argv.js';
import { parseInputs } from '../../../src/inputs/inputs.js';

const ctx = mkdtempSync(join(tmpdir(), 'mab-argv-'));
const inputs = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseInputs((n) => values[n] ?? (n === 'context' ? ctx : ''), env);

const M = ['--metadata-file', '/tmp/meta.json'];

describe('buildx build argv', () => {
  // inputs -> the exact argv after `buildx`, in build-push-action's order.
  test.each<[string, Record<string, string>, string[]]>([
    ['defaults', {}, ['--platform', 'linux/amd64,linux/arm64', ...M]],
    ['push with two tags and a builder',
      { tags: 'localhost:5000/a:1,localhost:5000/a:2', push: 'true', builder: 'default', platforms: 'linux/arm64' },
      ['--platform', 'linux/arm64', '--tag', 'localhost:5000/a:1', '--tag', 'localhost:5000/a:2', ...M,
        '--builder', 'default', '--push']],
    ['lists keep commas inside values',
      { 'build-args': 'A=x,y\nB', labels: 'org.x=1', 'cache-from': 'type=gha\ntype=registry,ref=r/c:1',
        'cache-to': 'type=gha,mode=max', platforms: 'linux/amd64' },
      ['--build-arg', 'A=x,y', '--build-arg', 'B', '--cache-from', 'type=gha', '--cache-from',
        'type=registry,ref=r/c:1', '--cache-to', 'type=gha,mode=max', '--label', 'org.x=1',
        '--platform', 'linux/amd64', ...M]],
    ['every single-value flag and switch',
      { target: 'final', 'shm-size': '2g', 'cgroup-parent': '/ci', call: 'check', network: 'host',
        provenance: 'mode=max', sbom: 'true', platforms: 'linux/amd64', load: 'true', 'no-cache': 'true',
        pull: 'true' },
      ['--call', 'check', '--cgroup-parent', '/ci', '--platform', 'linux/amd64', '--provenance', 'mode=max',
        '--sbom', 'true', '--shm-size', '2g', '--target', 'final', ...M, '--load', '--network', 'host',
        '--no-cache', '--pull']],
    ['repeatable flags',
      { 'add-hosts': 'a:1.2.3.4,b=5.6.7.8', allow: 'network.host', annotations: 'index:k=v', attests: 'type=sbom',
        'build-contexts': 'x=docker-image://alpine', 'no-cache-filters': 's1,s2', outputs: 'type=local,dest=out',
        ssh: 'default', ulimit: 'nofile=1024:2048', platforms: 'linux/amd64' },
      ['--add-host', 'a:1.2.3.4', '--add-host', 'b=5.6.7.8', '--allow', 'network.host', '--annotation',
        'index:k=v', '--attest', 'type=sbom', '--build-context', 'x=docker-image://alpine', '--no-cache-filter',
        's1', '--no-cache-filter', 's2', '--output', 'type=local,dest=out', '--platform', 'linux/amd64',
        '--ssh', 'default', '--ulimit', 'nofile=1024:2048', ...M]],
  ])('%s', (_name, values, middle) => {
    expect(buildCommand(inputs(values), '/tmp/meta.json').argv).toEqual(['build', ...middle, ctx]);
  });

  test('secret values travel by environment, never in argv', () => {
    const cmd = buildCommand(inputs({ secrets: 'TOKEN=hunter2\nKEY="a b"', 'secret-envs': 'E=MY_ENV',
      'secret-files': '', platforms: 'linux/amd64' }), '/m.json');
    expect(cmd.argv.join(' ')).not.toContain('hunter2');
    expect(cmd.argv).toEqual(expect.arrayContaining(['--secret', 'id=TOKEN,env=MULTIARCH_BUILD_SECRET_0',
      'id=KEY,env=MULTIARCH_BUILD_SECRET_1', 'id=E,env=MY_ENV']));
    expect(cmd.env).toEqual({ MULTIARCH_BUILD_SECRET_0: 'hunter2', MULTIARCH_BUILD_SECRET_1: '"a b"' });
  });

  test('a Git context on this GitHub gets the token as GIT_AUTH_TOKEN secret', () => {
    const env = { GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc', GITHUB_SERVER_URL: 'https://github.com' };
    const cmd = buildCommand(inputs({ 'github-token': 'ghs_x', context: '' }, env), '/m.json', env);
    expect(cmd.argv).toEqual(expect.arrayContaining(['--secret', 'id=GIT_AUTH_TOKEN.github.com,env=MULTIARCH_BUILD_SECRET_0']));
    expect(cmd.env.MULTIARCH_BUILD_SECRET_0).toBe('ghs_x');
    expect(cmd.argv.at(-1)).toBe('https://github.com/o/r.git#abc');
  });

  test('shell metacharacters stay one inert argument', () => {
    const cmd = buildCommand(inputs({ 'build-args': 'X=$(touch /tmp/pwned); `id` | cat', platforms: 'linux/amd64' }), '/m');
    expect(cmd.argv).toContain('X=$(touch /tmp/pwned); `id` | cat');
  });

  test.each<[Record<string, string>, boolean]>([
    [{ push: 'true', tags: 'a/b' }, true],
    [{}, false],
    [{ outputs: 'type=registry' }, true],
    [{ outputs: 'type=image,name=a/b,push=true' }, true],
    [{ outputs: 'type=image,name=a/b' }, false],
  ])('pushes to a registry: %j -> %s', (values, want) => {
    expect(pushesToRegistry(inputs(values))).toBe(want);
  });
});

