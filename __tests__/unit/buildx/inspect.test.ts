// `buildx inspect` read whole, field by field, on outputs of buildx 0.13.1 and 0.29.1 captured on
// the bed: every field the boot gate, the coverage check and the diagnostics use.
import { describe, expect, test } from 'vitest';
import { fixture } from '../../fixture.js';
import { bootProgressErrors, describeNode, parseInspect, type NodeStatus } from '../../../src/buildx/inspect.js';

const inspect = (name: string): string => fixture(`inspect/${name}`);
const EMULATED_AND_NATIVE = ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4', 'linux/arm64',
  'linux/riscv64', 'linux/ppc64le', 'linux/s390x', 'linux/arm/v7', 'linux/arm/v6'];
const AMD_NODE: NodeStatus = {
  name: 'amdnode', endpoint: 'tcp://127.0.0.1:7001', status: 'running', buildkitVersion: 'v0.0.0+unknown',
  platforms: EMULATED_AND_NATIVE, declaredPlatforms: ['linux/amd64'], gcKeep: '24.21GiB',
};

describe.each(['v0.13', 'v0.29'])('buildx %s', (v) => {
  test('two running remote nodes, each declaring its platform', () => {
    expect(parseInspect(inspect(`${v}-remote-two-running.txt`))).toStrictEqual({
      name: 'fx-two', driver: 'remote', nodes: [AMD_NODE, {
        name: 'armnode', endpoint: 'tcp://127.0.0.1:7003', status: 'running', buildkitVersion: 'v0.0.0+unknown',
        platforms: ['linux/arm64', ...EMULATED_AND_NATIVE.filter((p) => p !== 'linux/arm64')],
        declaredPlatforms: ['linux/arm64'], gcKeep: '24.21GiB',
      }],
    });
  });

  test('a dead node keeps its declared platform and no version', () => {
    expect(parseInspect(inspect(`${v}-remote-dead-node.txt`)).nodes).toStrictEqual([AMD_NODE, {
      name: 'deadnode', endpoint: 'tcp://127.0.0.1:9', status: 'inactive',
      platforms: ['linux/arm64'], declaredPlatforms: ['linux/arm64'],
    }]);
  });

  test('a node buildx cannot even load: its Error field', () => {
    const okImage = 'image="127.0.0.1:5000/bed/buildkit:v0.13.2-5a275a9c"';
    expect(parseInspect(inspect(`${v}-container-driver-option-error.txt`))).toStrictEqual({
      name: 'fx-err2', driver: 'docker-container', nodes: [
        { name: 'okn', endpoint: 'unix:///var/run/docker.sock', status: 'inactive', platforms: [], declaredPlatforms: [],
          driverOptions: okImage, daemonFlags: '--allow-insecure-entitlement=network.host' },
        { name: 'errnode', endpoint: 'unix:///var/run/docker.sock', status: 'unknown', platforms: [], declaredPlatforms: [],
          driverOptions: 'bogus="1"', error: 'invalid driver option bogus for docker-container driver' },
      ],
    });
  });
});

test('old buildx\'s partial boot: the running node whole, the inactive one with what it was given', () => {
  expect(parseInspect(inspect('v0.13-container-partial-boot.txt')).nodes).toStrictEqual([
    { name: 'goodnode', endpoint: 'unix:///var/run/docker.sock', status: 'running', buildkitVersion: 'v0.13.2',
      platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4', 'linux/arm64', 'linux/riscv64',
        'linux/ppc64le', 'linux/s390x', 'linux/386', 'linux/arm/v7', 'linux/arm/v6'],
      declaredPlatforms: [], gcKeep: '24.21GiB',
      driverOptions: 'image="127.0.0.1:5000/bed/buildkit:v0.13.2" network="host"',
      daemonFlags: '--allow-insecure-entitlement=network.host' },
    { name: 'badnode', endpoint: 'unix:///var/run/docker2.sock', status: 'inactive', platforms: [], declaredPlatforms: [],
      driverOptions: 'image="127.0.0.1:5000/none/buildkit:missing" network="host"',
      daemonFlags: '--allow-insecure-entitlement=network.host' },
  ]);
});

test('buildx before 0.13 (docker\'s toolkit keeps its text): daemon flags under "Flags:", version under "Buildkit:"', () => {
  const [node] = parseInspect(inspect('v0.12-container-flags.txt')).nodes;
  expect(node?.daemonFlags).toBe(
    '--debug --allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host');
  expect(node?.buildkitVersion).toBe('v0.11.6');
  expect(node?.driverOptions).toBe('image="moby/buildkit:buildx-stable-1" network="host"');
  expect(node?.status).toBe('running');
});

test('trailing blanks and CRLF line ends leave the values as they are', () => {
  for (const file of ['v0.29-remote-two-running.txt', 'v0.29-container-gc-limit.txt', 'v0.29-container-driver-option-error.txt']) {
    const text = inspect(file);
    expect(parseInspect(text.replace(/\n/g, ' \t\r\n'))).toStrictEqual(parseInspect(text));
  }
});

test('the node list starts at "Nodes:" only: a builder-level Name is not a node', () => {
  const parsed = parseInspect('Name: b\nDriver: remote\nNodes:\nName: n1\nStatus: running\nBuildKit: v0.12.0\n');
  expect(parsed).toStrictEqual({ name: 'b', driver: 'remote', nodes: [
    { name: 'n1', endpoint: '', status: 'running', buildkitVersion: 'v0.12.0', platforms: [], declaredPlatforms: [] }] });
  expect(parseInspect('Name: b\nX Nodes:\nName: n1\n').nodes).toStrictEqual([]);
  expect(parseInspect('Name: b\nNodes: 2\nName: n1\n').nodes).toStrictEqual([]);
  expect(parseInspect('Nodes:\nStatus: running\n').nodes).toStrictEqual([]);
  // Older buildx wrote "Buildkit:"; a GC rule's bytes only count when indented under a node.
  expect(parseInspect('Nodes:\nName: n\nBuildkit: v0.11.6\nKeep Bytes: 1GiB\n').nodes[0]).toStrictEqual(
    { name: 'n', endpoint: '', status: 'unknown', buildkitVersion: 'v0.11.6', platforms: [], declaredPlatforms: [] });
  expect(parseInspect(' Keep Bytes: 1GiB\nNodes:\nName: n\n Reserved Space:  2GiB \n').nodes[0]?.gcKeep).toBe('2GiB');
});

describe('boot errors from the progress output', () => {
  test('each node\'s error by its step number, the last word kept', () => {
    const errors = bootProgressErrors([
      '#1 [a internal] booting buildkit',
      '#2 [b internal] booting buildkit',
      '#2 ERROR: b failed ',
      '#1 ERROR: a failed',
      '#12 [c internal] booting buildkit',
      '#12 ERROR: c failed',
      '#3 ERROR: a step that is not a boot',
      'x#1 ERROR: not a progress line',
      '#1 ERROR: a failed again',
    ]);
    expect([...errors]).toStrictEqual([['b', 'b failed'], ['a', 'a failed again'], ['c', 'c failed']]);
  });

  test('a step line must start the line', () => {
    expect([...bootProgressErrors(['x#1 [a internal] booting buildkit', '#1 ERROR: e'])]).toStrictEqual([]);
    expect([...bootProgressErrors(['#1 [a internal] booting buildkit', 'x #1 ERROR: e'])]).toStrictEqual([]);
  });
});

test('describeNode: what is known, nothing else', () => {
  expect(describeNode({ name: 'n', endpoint: '', status: 'inactive', platforms: [], declaredPlatforms: [] }))
    .toBe('node n (local): inactive, BuildKit ?');
  expect(describeNode({ name: 'n', endpoint: 'tcp://h:1', status: 'unknown', platforms: ['linux/arm64'],
    declaredPlatforms: [], error: 'boom' })).toBe('node n (tcp://h:1): unknown, BuildKit ?, platforms linux/arm64, error: boom');
});
