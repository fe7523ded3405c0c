// The builder the action creates: node specs, create argv, the name, and `buildx inspect` parsing
// on real outputs of buildx 0.13.1 and 0.29.1 captured on the bed.
import { fixture } from '../../fixture.js';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { bootFailureMessage } from '../../../src/builder/boot.js';
import { builderName, createCommands } from '../../../src/builder/create-argv.js';
import { bootProgressErrors, describeNode, parseInspect, type NodeStatus } from '../../../src/buildx/inspect.js';
import { finalError } from '../../../src/buildx/final-error.js';
import { checkCoverage } from '../../../src/builder/builder.js';
import { InputReader } from '../../../src/inputs/reader.js';
import { parseNodeSpecs } from '../../../src/inputs/node-specs.js';
import { parseBuilderInputs } from '../../../src/inputs/setup-inputs.js';
import type { BuilderInputs } from '../../../src/shared/inputs-types.js';

const inspectFixture = (name: string): string => fixture(`inspect/${name}`);
const setup = (values: Record<string, string>): BuilderInputs =>
  parseBuilderInputs(new InputReader((n) => values[n] ?? ''), parse);

describe('buildx inspect, as buildx prints it', () => {
  test.each([
    ['v0.29-remote-two-running.txt', [['amdnode', 'running'], ['armnode', 'running']]],
    ['v0.13-remote-two-running.txt', [['amdnode', 'running'], ['armnode', 'running']]],
    ['v0.29-remote-dead-node.txt', [['amdnode', 'running'], ['deadnode', 'inactive']]],
    ['v0.13-remote-dead-node.txt', [['amdnode', 'running'], ['deadnode', 'inactive']]],
    ['v0.29-remote-before-boot.txt', [['amdnode', 'running'], ['deadnode', 'inactive']]],
    ['v0.29-container-missing-image.txt', [['dcnode', 'inactive']]],
    ['v0.13-container-missing-image.txt', [['dcnode', 'inactive']]],
    ['v0.13-container-partial-boot.txt', [['goodnode', 'running'], ['badnode', 'inactive']]],
  ])('%s', (file, want) => {
    const parsed = parseInspect(inspectFixture(file));
    expect(parsed.nodes.map((n) => [n.name, n.status])).toEqual(want);
  });

  test('endpoints, versions, reported and declared platforms', () => {
    const [amd, arm] = parseInspect(inspectFixture('v0.29-remote-two-running.txt')).nodes;
    expect(amd?.endpoint).toBe('tcp://127.0.0.1:7001');
    expect(amd?.buildkitVersion).toBe('v0.0.0+unknown');
    expect(amd?.declaredPlatforms).toEqual(['linux/amd64']);
    expect(amd?.platforms[0]).toBe('linux/amd64');
    expect(arm?.declaredPlatforms).toEqual(['linux/arm64']);
    expect(arm?.platforms).toContain('linux/amd64');
    const dead = parseInspect(inspectFixture('v0.29-remote-dead-node.txt')).nodes[1];
    expect(dead).toMatchObject({ endpoint: 'tcp://127.0.0.1:9', platforms: ['linux/arm64'] });
  });

  test('builder name and driver', () => {
    expect(parseInspect(inspectFixture('v0.29-container-missing-image.txt'))).toMatchObject({
      name: 'fx-dc', driver: 'docker-container',
    });
  });
});

test('what a user checks with buildx inspect: driver options, daemon flags, the GC limit', () => {
  const [node] = parseInspect(inspectFixture('v0.29-container-gc-limit.txt')).nodes;
  expect(node).toMatchObject({ driverOptions: 'image="127.0.0.1:5000/bed/buildkit:v0.13.2" network="host"',
    daemonFlags: '--allow-insecure-entitlement network.host', gcKeep: '1.465GiB', buildkitVersion: 'v0.13.2' });
  expect(describeNode(node as NodeStatus)).toBe('node gcnode (unix:///var/run/docker.sock): running, BuildKit ' +
    'v0.13.2, driver options image="127.0.0.1:5000/bed/buildkit:v0.13.2" network="host", daemon flags ' +
    '--allow-insecure-entitlement network.host, GC keeps 1.465GiB, platforms linux/amd64, linux/amd64/v2, ' +
    'linux/amd64/v3, linux/amd64/v4, linux/arm64, linux/riscv64, linux/ppc64le, linux/s390x, linux/386, ' +
    'linux/arm/v7, linux/arm/v6');
  // buildx 0.13 words the GC limit "Keep Bytes".
  expect(parseInspect(inspectFixture('v0.13-container-partial-boot.txt')).nodes[0]?.gcKeep).toBe('24.21GiB');
});

describe('the boot gate', () => {
  test('names every failed node with its endpoint, status and buildx\'s last error', () => {
    const nodes = parseInspect(inspectFixture('v0.13-remote-dead-node.txt')).nodes.filter((n) => n.status !== 'running');
    expect(bootFailureMessage(nodes, 'ERROR: context deadline exceeded', 3)).toBe(
      'builder node failed to boot after 3 attempts: deadnode (tcp://127.0.0.1:9): inactive' +
      ' - buildx said: ERROR: context deadline exceeded');
  });

  // buildx 0.13.1 exits 0 here and ends its output with a separator: the reason is only in the
  // progress lines of the node's own boot step.
  test('old buildx\'s partial boot: the failed node\'s reason from its progress lines', () => {
    const stderr = inspectFixture('v0.13-container-partial-boot.stderr.txt').split('\n');
    const errors = bootProgressErrors(stderr);
    expect([...errors.keys()]).toEqual(['badnode']);
    expect(errors.get('badnode')).toMatch(/127\.0\.0\.1:5000\/none\/buildkit:missing: not found$/);
    expect(finalError(stderr)).toMatch(/^ERROR: Error response from daemon: .*missing: not found$/);
    const failed = parseInspect(inspectFixture('v0.13-container-partial-boot.txt')).nodes
      .filter((n) => n.status !== 'running').map((n) => ({ ...n, error: errors.get(n.name) }));
    expect(bootFailureMessage(failed, '', 1)).toBe('builder node failed to boot after 1 attempt: badnode ' +
      '(unix:///var/run/docker2.sock): inactive, Error response from daemon: failed to resolve reference ' +
      '"127.0.0.1:5000/none/buildkit:missing": 127.0.0.1:5000/none/buildkit:missing: not found');
  });

  test.each([
    ['v0.13-container-missing-image.stderr.txt', /^ERROR: Error response from daemon: .*missing: not found$/],
    ['v0.29-container-missing-image.stderr.txt', /^ERROR: Error response from daemon: .*missing: not found$/],
    ['v0.13-remote-dead-node.stderr.txt', /^ERROR: context deadline exceeded$/],
    ['v0.29-remote-dead-node.stderr.txt', /^ERROR: context deadline exceeded$/],
    // exits 0 without an ERROR line: the progress output's error, never the separator
    ['v0.13-container-partial-boot.stderr.txt', /^ERROR: Error response from daemon: .*missing: not found$/],
  ])('buildx\'s final error in %s', (file, want) => {
    expect(finalError(inspectFixture(file).split('\n'))).toMatch(want);
  });

  test('one node\'s boot step carries no node name', () => {
    const stderr = inspectFixture('v0.29-container-missing-image.stderr.txt').split('\n');
    expect(bootProgressErrors(stderr).get('')).toMatch(/missing: not found$/);
  });

  test('platforms no running node serves', () => {
    const nodes = parseInspect(inspectFixture('v0.29-remote-dead-node.txt')).nodes;
    expect(() => checkCoverage(['linux/amd64', 'linux/arm64'], nodes)).not.toThrow();
    expect(() => checkCoverage(['linux/mips64le'], nodes)).toThrow(/no running builder node serves linux\/mips64le/);
    const deadOnly = nodes.filter((n) => n.name === 'deadnode');
    expect(() => checkCoverage(['linux/arm64'], deadOnly)).toThrow(/serves linux\/arm64/);
  });
});

describe('nodes input', () => {
  test('a list with every key', () => {
    expect(parseNodeSpecs(`
- name: amd
  endpoint: tcp://10.0.0.1:1234
  platforms: linux/amd64,linux/amd64/v2
  driver-opts: [image=moby/buildkit:v0.23.0, "env.X=1"]
  buildkitd-flags: --debug
- name: arm
  platforms: [linux/arm64/v8]
`, parse)).toEqual([
      { name: 'amd', endpoint: 'tcp://10.0.0.1:1234', platforms: ['linux/amd64', 'linux/amd64/v2'],
        driverOpts: ['image=moby/buildkit:v0.23.0', 'env.X=1'], buildkitdFlags: '--debug' },
      { name: 'arm', platforms: ['linux/arm64'], driverOpts: [] },
    ]);
  });

  test.each([
    ['[]', 'empty list'],
    ['name: x', 'must be a YAML list'],
    ['- {name: a}\n- {name: a}', 'node 2 (a): the name a is used twice'],
    ['- {name: a, platfrom: linux/amd64}', 'node 1 (a) has an unknown key "platfrom"'],
    ['- {name: a, platforms: linux/amd65}', 'node 1 (a) has a platform "linux/amd65"'],
    ['- {endpoint: "tcp://x:1"}', 'node 1 needs a name'],
    ['- name: a\n  endpoint: "tcp://x:1; rm -rf /"', 'node 1 (a) has an endpoint that is not a URL'],
    ['- [a, b]', 'node 1 is not a mapping'],
    ['- {name: a\n', 'is not valid YAML'],
  ])('%j', (text, why) => {
    expect(() => parseNodeSpecs(text, parse)).toThrow(why);
  });

  test('remote nodes need endpoints', () => {
    expect(() => setup({ driver: 'remote', nodes: '- name: a' })).toThrow(/^Input "nodes": .*node a needs an endpoint/);
    expect(() => setup({ driver: 'remote' })).toThrow(/^Input "driver": "remote" needs `nodes`/);
    expect(() => setup({ driver: 'podman' })).toThrow(/^Input "driver": "podman" is not one of/);
    expect(() => setup({ 'boot-timeout': '0' })).toThrow(/^Input "boot-timeout": "0" is not a whole number/);
    expect(() => setup({ 'boot-retries': 'many' })).toThrow(/^Input "boot-retries"/);
  });
});

describe('buildx create argv', () => {
  const pinned = `image=${setup({}).buildkitImage}`; // action.yml's default
  test.each<[string, Record<string, string>, string[][]]>([
    ['one local docker-container node with the host network', {}, [
      ['create', '--name', 'b', '--driver', 'docker-container', '--node', 'b0',
        '--driver-opt', pinned, '--driver-opt', 'network=host',
        '--buildkitd-flags', '--allow-insecure-entitlement network.host'],
    ]],
    ['host-network false', { 'host-network': 'false', 'driver-opts': 'image=reg/buildkit:1' }, [
      ['create', '--name', 'b', '--driver', 'docker-container', '--node', 'b0', '--driver-opt', 'image=reg/buildkit:1'],
    ]],
    ['two nodes: flags, config and options reach every node', {
      nodes: '- {name: a, platforms: linux/amd64}\n- {name: c, endpoint: "ssh://me@arm", platforms: linux/arm64, ' +
        'buildkitd-flags: --debug, driver-opts: env.X=1}',
      'buildkitd-flags': '--oci-worker-gc', 'buildkitd-config-inline': '[worker.oci]\n', 'driver-opts': 'image=r/bk:1',
    }, [
      ['create', '--name', 'b', '--driver', 'docker-container', '--node', 'a', '--platform', 'linux/amd64',
        '--driver-opt', 'image=r/bk:1', '--driver-opt', 'network=host',
        '--buildkitd-flags', '--oci-worker-gc --allow-insecure-entitlement network.host',
        '--buildkitd-config', '/tmp/bk.toml'],
      ['create', '--name', 'b', '--append', '--node', 'c', '--platform', 'linux/arm64',
        '--driver-opt', 'image=r/bk:1', '--driver-opt', 'env.X=1', '--driver-opt', 'network=host',
        '--buildkitd-flags', '--debug --allow-insecure-entitlement network.host',
        '--buildkitd-config', '/tmp/bk.toml', 'ssh://me@arm'],
    ]],
    ['a node declaring two platforms', { nodes: '- {name: a, platforms: "linux/amd64,linux/386"}', 'host-network': 'false' }, [
      ['create', '--name', 'b', '--driver', 'docker-container', '--node', 'a', '--platform', 'linux/amd64,linux/386',
        '--driver-opt', pinned],
    ]],
    ['a mirrored BuildKit image', { 'buildkit-image': 'mirror.internal/moby/buildkit:v0.23.0', 'host-network': 'false' }, [
      ['create', '--name', 'b', '--driver', 'docker-container', '--node', 'b0',
        '--driver-opt', 'image=mirror.internal/moby/buildkit:v0.23.0'],
    ]],
    ['the user\'s own network option and entitlement flag are kept, not doubled', {
      'driver-opts': 'network=custom\nimage=r/bk:1', 'buildkitd-flags': '--allow-insecure-entitlement=network.host',
    }, [
      ['create', '--name', 'b', '--driver', 'docker-container', '--node', 'b0', '--driver-opt', 'network=custom',
        '--driver-opt', 'image=r/bk:1', '--buildkitd-flags', '--allow-insecure-entitlement=network.host'],
    ]],
    ['an option that merely mentions image= or network= is not one', {
      'driver-opts': 'env.image=x\nenv.network=y',
    }, [
      ['create', '--name', 'b', '--driver', 'docker-container', '--node', 'b0', '--driver-opt', 'env.image=x',
        '--driver-opt', 'env.network=y', '--driver-opt', pinned, '--driver-opt', 'network=host',
        '--buildkitd-flags', '--allow-insecure-entitlement network.host'],
    ]],
    ['the kubernetes driver: its own options, no network option (pods choose their network)', {
      driver: 'kubernetes', 'host-network': 'false',
    }, [
      ['create', '--name', 'b', '--driver', 'kubernetes', '--node', 'b0', '--driver-opt', pinned],
    ]],
    ['remote nodes get no daemon flags or config (buildx cannot apply them)', {
      driver: 'remote', nodes: '- {name: a, endpoint: "tcp://h:1"}', 'buildkitd-flags': '--debug',
    }, [
      ['create', '--name', 'b', '--driver', 'remote', '--node', 'a', 'tcp://h:1'],
    ]],
  ])('%s', (_name, values, want) => {
    const s = setup(values);
    expect(createCommands('b', s, s.buildkitdConfigInline ? '/tmp/bk.toml' : undefined)).toEqual(want);
  });

  test('the engine\'s local copy of the BuildKit image: for the nodes on this runner\'s engine only, and the user\'s image wins', () => {
    const local = '127.0.0.1:9/multiarch-build/node-image:r-bk-1';
    const images = (values: Record<string, string>): string[] => createCommands('b', setup(values), undefined, local)
      .map((argv) => argv.find((a) => a.startsWith('image=')) ?? '');
    expect(images({ 'buildkit-image': 'r/bk:1' })).toStrictEqual([`image=${local}`]);
    expect(images({ 'buildkit-image': 'r/bk:1', nodes: '- {name: here}\n- {name: there, endpoint: "unix:///var/run/other.sock"}' }))
      .toStrictEqual([`image=${local}`, 'image=r/bk:1']);
    expect(images({ 'driver-opts': 'image=mine/bk:2' })).toStrictEqual(['image=mine/bk:2']);
  });

  test('the name: runner, run, attempt, job and a random part, safe for buildx', () => {
    expect(builderName(undefined, { RUNNER_NAME: 'GitHub Actions 12', GITHUB_RUN_ID: '987', GITHUB_RUN_ATTEMPT: '2',
      GITHUB_JOB: 'build_arm64' }, 'a1b2c3d4')).toBe('multiarch-github-actions-12-987-2-build-arm64-a1b2c3d4');
    expect(builderName(undefined, {}, 'ff00')).toBe('multiarch-ff00');
    expect(builderName('mine', { GITHUB_JOB: 'x' }, 'ff00')).toBe('mine');
    expect(builderName(undefined, { RUNNER_NAME: 'r'.repeat(30), GITHUB_RUN_ID: '1'.repeat(30), GITHUB_RUN_ATTEMPT: '12345',
      GITHUB_JOB: 'j'.repeat(30) }, 'f'.repeat(20))).toBe(
      `multiarch-${'r'.repeat(20)}-${'1'.repeat(20)}-1234-${'j'.repeat(20)}-${'f'.repeat(12)}`);
    expect(builderName(undefined, {})).toMatch(/^multiarch-[0-9a-f]{8}$/);
  });
});
