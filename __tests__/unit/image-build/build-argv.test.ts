// inputs -> the exact argv after `buildx`. The expected argv is what docker/build-push-action v7
// runs for the same inputs (its argument builder's order and forms), except where this action
// differs on purpose, each listed in the README's "Switching from build-push-action": secrets by
// environment (docker: temporary files), no --iidfile (the metadata file gives the image id), the
// Git token scoped to its host, and host network on a builder the action created.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildCommand, pushesToRegistry, type BuildTarget } from '../../../src/image-build/build-argv.js';
import { parseInputs } from '../../../src/inputs/inputs.js';
import { defaultProvenanceWanted } from '../../../src/image-build/attestations.js';

const ctx = mkdtempSync(join(tmpdir(), 'mab-argv-'));
const inputs = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseInputs((n) => values[n] ?? (n === 'context' ? ctx : ''), env);
const M = ['--metadata-file', '/tmp/meta.json'];

// A workflow run of a public repository on github.com, as the runner describes it.
const event = (payload: object): string => {
  const file = join(ctx, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return file;
};
const RUN = 'https://github.com/octo/app/actions/runs/123/attempts/2';
const GH: NodeJS.ProcessEnv = {
  GITHUB_REPOSITORY: 'octo/app', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '123',
  GITHUB_RUN_ATTEMPT: '2', GITHUB_SHA: 'c0ffee', GITHUB_REF: 'refs/heads/main',
  GITHUB_EVENT_PATH: event({ repository: { private: false } }),
};
const GIT = 'https://github.com/octo/app.git';
// A builder whose BuildKit attaches attestations (>= 0.11), as docker's action checks it.
const ready: BuildTarget = { hostNetwork: false, buildkitAttests: true };
const argv = (values: Record<string, string>, env = GH, target: BuildTarget = ready): string[] => {
  const i = inputs(values, env);
  return buildCommand(i, '/tmp/meta.json', env, { name: i.builder, ...target }).argv;
};

describe('buildx build argv', () => {
  test.each<[string, Record<string, string>, string[]]>([
    ['defaults, outside a workflow', {}, ['--platform', 'linux/amd64,linux/arm64', ...M]],
    ['push with two tags and a builder',
      { tags: 'localhost:5000/a:1,localhost:5000/a:2', push: 'true', builder: 'default', platforms: 'linux/arm64' },
      ['--platform', 'linux/arm64', '--tag', 'localhost:5000/a:1', '--tag', 'localhost:5000/a:2',
        '--builder', 'default', ...M, '--push']],
    ['lists keep commas inside values',
      { 'build-args': 'A=x,y\nB', labels: 'org.x=1', 'cache-from': 'type=gha\ntype=registry,ref=r/c:1',
        'cache-to': 'type=gha,mode=max', platforms: 'linux/amd64' },
      ['--build-arg', 'A=x,y', '--build-arg', 'B', '--cache-from', 'type=gha', '--cache-from',
        'type=registry,ref=r/c:1', '--cache-to', 'type=gha,mode=max', '--label', 'org.x=1',
        '--platform', 'linux/amd64', ...M]],
    ['every single-value flag and switch, in docker\'s order',
      { target: 'final', 'shm-size': '2g', 'cgroup-parent': '/ci', call: 'check', network: 'host',
        platforms: 'linux/amd64', load: 'true', 'no-cache': 'true', pull: 'true', file: join(ctx, 'Dockerfile') },
      ['--call', 'check', '--cgroup-parent', '/ci', '--file', join(ctx, 'Dockerfile'), '--platform', 'linux/amd64',
        '--shm-size', '2g', '--target', 'final', '--load', ...M, '--network', 'host', '--no-cache', '--pull']],
    ['repeatable flags',
      { 'add-hosts': 'a:1.2.3.4,b=5.6.7.8', allow: 'network.host', annotations: 'index:k=v', attests: 'type=sbom',
        'build-contexts': 'x=docker-image://alpine', 'no-cache-filters': 's1,s2', outputs: 'type=local,dest=out',
        ssh: 'default', ulimit: 'nofile=1024:2048', platforms: 'linux/amd64', 'secret-envs': 'E=MY_ENV' },
      ['--add-host', 'a:1.2.3.4', '--add-host', 'b=5.6.7.8', '--allow', 'network.host', '--annotation',
        'index:k=v', '--build-context', 'x=docker-image://alpine', '--secret', 'id=E,env=MY_ENV',
        '--no-cache-filter', 's1', '--no-cache-filter', 's2', '--output', 'type=local,dest=out',
        '--platform', 'linux/amd64', '--attest', 'type=sbom', '--ssh', 'default', '--ulimit', 'nofile=1024:2048',
        ...M]],
  ])('%s', (_name, values, middle) => {
    expect(argv(values, {}, { hostNetwork: false })).toEqual(['build', ...middle, '--', ctx]);
  });
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\n');
});

// docker's documented input forms (its README and docs' examples, and what users write) -> the
// `--attest` flags docker's action passes, in a public repository's workflow run unless said.
describe('attestations, as docker/build-push-action forms them', () => {
  const attests = (values: Record<string, string>, env: NodeJS.ProcessEnv = GH, target = ready): string[] => {
    const a = argv({ platforms: 'linux/amd64', ...values }, env, target);
    return a.flatMap((v, i) => (a[i - 1] === '--attest' ? [v] : []));
  };
  test.each<[string, Record<string, string>, string[]]>([
    ['nothing asked: max provenance with the run as builder id', {}, [`type=provenance,mode=max,builder-id=${RUN}`]],
    ['provenance: true', { provenance: 'true' }, [`type=provenance,builder-id=${RUN}`]],
    ['provenance: false', { provenance: 'false' }, ['type=provenance,disabled=true']],
    ['provenance: mode=max', { provenance: 'mode=max' }, [`type=provenance,mode=max,builder-id=${RUN}`]],
    ['provenance: mode=min', { provenance: 'mode=min' }, [`type=provenance,mode=min,builder-id=${RUN}`]],
    ['provenance with its own builder-id', { provenance: 'mode=max,builder-id=foo' },
      ['type=provenance,mode=max,builder-id=foo']],
    ['the provenance input wins over an attests line', { provenance: 'mode=max', attests: 'type=provenance,mode=min' },
      [`type=provenance,mode=max,builder-id=${RUN}`]],
    ['an attests provenance line: builder id added, no default', { attests: 'type=provenance,mode=min' },
      [`type=provenance,mode=min,builder-id=${RUN}`]],
    ['sbom: true', { sbom: 'true' }, [`type=provenance,mode=max,builder-id=${RUN}`, 'type=sbom,disabled=false']],
    ['sbom: false', { sbom: 'false' }, [`type=provenance,mode=max,builder-id=${RUN}`, 'type=sbom,disabled=true']],
    ['the sbom input wins over an attests line', { sbom: 'generator=a/b', attests: 'type=sbom,generator=c/d' },
      [`type=provenance,mode=max,builder-id=${RUN}`, 'type=sbom,generator=a/b']],
    ['other attests lines pass, booleans resolved', { attests: 'type=custom,true\ntype=sbom' },
      [`type=provenance,mode=max,builder-id=${RUN}`, 'type=custom,disabled=false', 'type=sbom']],
    ['load: the docker exporter takes no default provenance', { load: 'true' }, []],
    ['outputs type=docker: neither', { outputs: 'type=docker,dest=/tmp/img.tar' }, []],
    ['outputs type=local: the default provenance', { outputs: 'type=local,dest=out' }, [`type=provenance,mode=max,builder-id=${RUN}`]],
  ])('%s', (_name, values, want) => {
    expect(attests(values)).toEqual(want);
  });

  test('whether the builder\'s BuildKit must be asked (it is not when provenance is given at all)', () => {
    expect(defaultProvenanceWanted(inputs({}, GH), GH)).toBe(true);
    expect(defaultProvenanceWanted(inputs({ provenance: 'false' }, GH), GH)).toBe(false);
    expect(defaultProvenanceWanted(inputs({ attests: 'type=provenance,mode=min' }, GH), GH)).toBe(false);
    expect(defaultProvenanceWanted(inputs({ attests: 'type=sbom' }, GH), GH)).toBe(true);
  });

  test('a private repository: min provenance, inline only', () => {
    const env = { ...GH, GITHUB_EVENT_PATH: event({ repository: { private: true } }) };
    expect(attests({}, env)).toEqual([`type=provenance,mode=min,inline-only=true,builder-id=${RUN}`]);
  });

  test('BuildKit older than 0.11, BUILDX_NO_DEFAULT_ATTESTATIONS, or no workflow run: no default', () => {
    expect(attests({}, GH, { hostNetwork: false, buildkitAttests: false })).toEqual([]);
    expect(attests({}, { ...GH, BUILDX_NO_DEFAULT_ATTESTATIONS: '1' })).toEqual([]);
    expect(attests({}, { ...GH, BUILDX_NO_DEFAULT_ATTESTATIONS: 'T' })).toEqual([]);
    // Only buildx's own truthy words switch it off.
    for (const v of ['', '0', 'false', '1x', 'x1', 'truex']) {
      expect(attests({}, { ...GH, BUILDX_NO_DEFAULT_ATTESTATIONS: v })).toEqual([`type=provenance,mode=max,builder-id=${RUN}`]);
    }
    expect(attests({}, {})).toEqual([]);
    // Asked for explicitly, it is passed whatever the builder.
    expect(attests({ provenance: 'mode=max' }, GH, { hostNetwork: false, buildkitAttests: false }))
      .toEqual([`type=provenance,mode=max,builder-id=${RUN}`]);
  });
});

describe('the default Git context, as docker/build-push-action forms it', () => {
  const context = (env: NodeJS.ProcessEnv, gitQuery = false): string | undefined =>
    buildCommand(inputs({ context: '' }, env), '/m', env, { hostNetwork: false, gitQuery }).argv.at(-1);
  test.each<[string, NodeJS.ProcessEnv, boolean, string]>([
    ['a branch: the commit pinned', {}, false, `${GIT}#c0ffee`],
    ['a branch name without refs/', { GITHUB_REF: 'main' }, false, `${GIT}#c0ffee`],
    ['a pull request: the merge commit pinned, not the moving ref',
      { GITHUB_REF: 'refs/pull/15/merge' }, false, `${GIT}#c0ffee`],
    ['a pull request with DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: its head commit',
      { GITHUB_REF: 'refs/pull/15/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: 'true',
        GITHUB_EVENT_PATH: event({ pull_request: { head: { sha: 'feed42' } } }) }, false, `${GIT}#feed42`],
    ['a tag', { GITHUB_REF: 'refs/tags/v1.0.0' }, false, `${GIT}#c0ffee`],
    ['query form (BUILDX_SEND_GIT_QUERY_AS_INPUT on a buildx that takes it)', {}, true,
      `${GIT}?ref=refs/heads/main&checksum=c0ffee`],
    ['query form of a pull request', { GITHUB_REF: 'refs/pull/15/merge' }, true, `${GIT}?ref=c0ffee`],
  ])('%s', (_name, env, gitQuery, want) => {
    expect(context({ ...GH, ...env }, gitQuery)).toBe(want);
  });

  test('build-contexts expand {{defaultContext}}', () => {
    expect(argv({ 'build-contexts': 'sub={{defaultContext}}:subdir', platforms: 'linux/amd64' }))
      .toEqual(expect.arrayContaining(['--build-context', `sub=${GIT}#c0ffee:subdir`]));
  });

  test('this GitHub\'s token reaches its own Git context as a host-scoped GIT_AUTH_TOKEN secret', () => {
    const cmd = buildCommand(inputs({ 'github-token': 'ghs_x', context: '' }, GH), '/m.json', GH);
    expect(cmd.argv).toEqual(expect.arrayContaining(['--secret', 'id=GIT_AUTH_TOKEN.github.com,env=MULTIARCH_BUILD_SECRET_0']));
    expect(cmd.env.MULTIARCH_BUILD_SECRET_0).toBe('ghs_x');
    expect(cmd.argv.at(-1)).toBe(`${GIT}#c0ffee`);
  });

  test('a GIT_AUTH_TOKEN secret of the user\'s own wins; no token, no secret; a local context needs none', () => {
    const secrets = (values: Record<string, string>): string[] => {
      const a = buildCommand(inputs(values, GH), '/m.json', GH).argv;
      return a.flatMap((v, i) => (a[i - 1] === '--secret' ? [v] : []));
    };
    expect(secrets({ 'github-token': 'ghs_x', context: '', secrets: 'GIT_AUTH_TOKEN=mine' }))
      .toStrictEqual(['id=GIT_AUTH_TOKEN,env=MULTIARCH_BUILD_SECRET_0']);
    expect(secrets({ 'github-token': 'ghs_x', context: '', secrets: 'GIT_AUTH_TOKEN.github.com=mine' }))
      .toStrictEqual(['id=GIT_AUTH_TOKEN.github.com,env=MULTIARCH_BUILD_SECRET_0']);
    expect(secrets({ 'github-token': 'ghs_x', context: '', secrets: 'OTHER=x' }))
      .toStrictEqual(['id=OTHER,env=MULTIARCH_BUILD_SECRET_0', 'id=GIT_AUTH_TOKEN.github.com,env=MULTIARCH_BUILD_SECRET_1']);
    expect(secrets({ context: '' })).toStrictEqual([]);
    expect(secrets({ 'github-token': 'ghs_x' })).toStrictEqual([]);
  });
});

describe('the build target', () => {
  test('without one: the named builder, no host network, no default provenance', () => {
    const i = inputs({ platforms: 'linux/amd64', builder: 'mine' }, GH);
    expect(buildCommand(i, '/m.json', GH).argv).toStrictEqual(['build', '--platform', 'linux/amd64', '--builder', 'mine',
      '--metadata-file', '/m.json', '--', ctx]);
  });

  test('an empty platform list (`platforms: ","`) passes no --platform: the node\'s own, as docker\'s action does', () => {
    expect(argv({ platforms: ',' }, {}, { hostNetwork: false })).not.toContain('--platform');
  });

  test('a target that does not say whether BuildKit attaches attestations gets no default provenance', () => {
    expect(argv({ platforms: 'linux/amd64' }, GH, { hostNetwork: false })).not.toContain('--attest');
  });

  test('the target\'s environment reaches buildx, next to the secrets\' variables', () => {
    const cmd = buildCommand(inputs({ platforms: 'linux/amd64', secrets: 'A=1' }), '/m.json', {},
      { hostNetwork: false, env: { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true' } });
    expect(cmd.env).toStrictEqual({ BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true', BUILDX_METADATA_WARNINGS: 'true',
      MULTIARCH_BUILD_SECRET_0: '1' });
  });

  test('secret files pass their path, secret envs their variable\'s name', () => {
    const a = argv({ platforms: 'linux/amd64', 'secret-files': `F=${join(ctx, 'Dockerfile')}`, 'secret-envs': 'E=MY_ENV' }, {},
      { hostNetwork: false });
    expect(a.flatMap((v, i) => (a[i - 1] === '--secret' ? [v] : []))).toStrictEqual(
      ['id=E,env=MY_ENV', `id=F,src=${join(ctx, 'Dockerfile')}`]);
  });

  test('{{defaultContext}} outside a workflow run has nothing to expand to: refused, naming the input', () => {
    expect(() => inputs({ 'build-contexts': 'sub={{defaultContext}}:d' }, {}))
      .toThrow(/^Input "build-contexts": "sub=\{\{defaultContext\}\}:d" uses \{\{defaultContext\}\} outside a GitHub workflow/);
  });
});

// On a builder the action created, RUN steps get the host's network unless `network` says
// otherwise; the entitlement comes with it, once.
describe('host network', () => {
  const flags = (values: Record<string, string>, hostNetwork: boolean): string[] =>
    argv({ platforms: 'linux/amd64', ...values }, {}, { hostNetwork }).filter((_, i, a) => a[i - 1] === '--network' ||
      a[i - 1] === '--allow' || a[i] === '--network' || a[i] === '--allow');
  test.each<[string, Record<string, string>, boolean, string[]]>([
    ['granted', {}, true, ['--allow', 'network.host', '--network', 'host']],
    ['not granted', {}, false, []],
    ['granted, the entitlement already asked for', { allow: 'network.host' }, true, ['--allow', 'network.host', '--network', 'host']],
    ['granted, another entitlement asked for', { allow: 'security.insecure' }, true,
      ['--allow', 'security.insecure', '--allow', 'network.host', '--network', 'host']],
    ['granted, but the user wants no network', { network: 'none' }, true, ['--network', 'none']],
    ['not granted, the user asks for host', { network: 'host' }, false, ['--network', 'host']],
  ])('%s', (_name, values, hostNetwork, want) => {
    expect(flags(values, hostNetwork)).toStrictEqual(want);
  });
});

// Values docker's action and buildx accept must pass through unchanged.
describe('forms buildx accepts', () => {
  const flagValues = (values: Record<string, string>, flag: string): string[] => {
    const a = argv({ platforms: 'linux/amd64', ...values }, {}, { hostNetwork: false });
    return a.flatMap((v, i) => (a[i - 1] === flag ? [v] : []));
  };
  test.each<[string, Record<string, string>, string, string[]]>([
    ['add-hosts with host-gateway', { 'add-hosts': 'host.docker.internal:host-gateway' }, '--add-host',
      ['host.docker.internal:host-gateway']],
    ['cache-to as a bare reference (buildx: type=registry,ref=...)', { 'cache-to': 'user/app:cache' }, '--cache-to',
      ['user/app:cache']],
    ['cache-from as a bare reference', { 'cache-from': 'user/app:cache' }, '--cache-from', ['user/app:cache']],
    ['outputs as a bare path (buildx: type=local,dest=...)', { outputs: 'out' }, '--output', ['out']],
    ['ssh as a comma list', { ssh: 'default,key2=/k' }, '--ssh', ['default', 'key2=/k']],
    ['a quoted field of platforms', { platforms: '"linux/arm64,linux/arm/v7"\nlinux/amd64' }, '--platform',
      ['linux/arm64,linux/arm/v7,linux/amd64']],
  ])('%s', (_name, values, flag, want) => {
    expect(flagValues(values, flag)).toEqual(want);
  });
});

describe('security', () => {
  test('secret values travel by environment, never in argv', () => {
    const cmd = buildCommand(inputs({ secrets: 'TOKEN=hunter2\nKEY="a b"', 'secret-envs': 'E=MY_ENV',
      'secret-files': '', platforms: 'linux/amd64' }), '/m.json');
    expect(cmd.argv.join(' ')).not.toContain('hunter2');
    expect(cmd.argv).toEqual(expect.arrayContaining(['--secret', 'id=TOKEN,env=MULTIARCH_BUILD_SECRET_0',
      'id=KEY,env=MULTIARCH_BUILD_SECRET_1', 'id=E,env=MY_ENV']));
    expect(cmd.env).toEqual({ BUILDX_METADATA_WARNINGS: 'true', MULTIARCH_BUILD_SECRET_0: 'hunter2',
      MULTIARCH_BUILD_SECRET_1: '"a b"' });
  });

  test('shell metacharacters stay one inert argument', () => {
    const cmd = buildCommand(inputs({ 'build-args': 'X=$(touch /tmp/pwned); `id` | cat', platforms: 'linux/amd64' }), '/m');
    expect(cmd.argv).toContain('X=$(touch /tmp/pwned); `id` | cat');
  });
});

test.each<[Record<string, string>, boolean]>([
  [{ push: 'true', tags: 'a/b' }, true],
  [{}, false],
  [{ outputs: 'type=registry' }, true],
  [{ outputs: 'type=image,name=a/b,push=true' }, true],
  [{ outputs: 'type=image,"name=a/b,c/d",push=true' }, true],
  [{ outputs: 'type=image,name=a/b' }, false],
])('pushes to a registry: %j -> %s', (values, want) => {
  expect(pushesToRegistry(inputs(values))).toBe(want);
});
