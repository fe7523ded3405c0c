// The `nodes` input: each mistake named by node number and name, with the exact message users see.
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseNodeSpecs } from '../../../src/inputs/node-specs.js';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KEYS = 'name, endpoint, platforms, driver-opts, buildkitd-flags';
test.each<[string, string]>([
  ['- {name: a\n', 'is not valid YAML: '],
  ['name: x', 'must be a YAML list of nodes ({name, endpoint, platforms, ...})'],
  ['[]', 'is an empty list'],
  ['- null', `node 1 is not a mapping of ${KEYS}`],
  ['- just-a-string', `node 1 is not a mapping of ${KEYS}`],
  ['- {name: a}\n- [a, b]', `node 2 is not a mapping of ${KEYS}`],
  ['- {endpoint: "tcp://h:1"}', 'node 1 needs a name of letters, digits, \'.\', \'_\' or \'-\''],
  ['- {name: 7}', 'node 1 needs a name of letters, digits, \'.\', \'_\' or \'-\''],
  ['- {name: "-a"}', 'node 1 needs a name of letters, digits, \'.\', \'_\' or \'-\''],
  ['- {name: a, platfrom: linux/amd64}', `node 1 (a) has an unknown key "platfrom" (allowed: ${KEYS})`],
  ['- {name: a}\n- {name: a}', 'node 2 (a): the name a is used twice'],
  ['- {name: a, endpoint: "tcp://"}', 'node 1 (a) has an endpoint that is not a URL or context: tcp://'],
  ['- {name: a, endpoint: "http://h:1"}', 'node 1 (a) has an endpoint that is not a URL or context: http://h:1'],
  ['- {name: a, endpoint: 5}', 'node 1 (a): endpoint must be a string'],
  ['- {name: a, platforms: linux/amd65}', 'node 1 (a) has a platform "linux/amd65" that has an unknown architecture "amd65"'],
  ['- {name: a, platforms: [linux/amd64, 5]}', 'node 1 (a): platforms must be a string or a list of strings'],
  ['- {name: a, platforms: {x: 1}}', 'node 1 (a): platforms must be a string or a list of strings'],
  ['- {name: a, driver-opts: 5}', 'node 1 (a): driver-opts must be a string or a list of strings'],
  ['- {name: a, buildkitd-flags: [--debug]}', 'node 1 (a): buildkitd-flags must be a string'],
])('%j: %s', (text, message) => {
  const exactly = message.endsWith(': ') ? `^${escapeRegExp(message)}` : `^${escapeRegExp(message)}$`;
  expect(() => parseNodeSpecs(text, parse)).toThrow(new RegExp(exactly));
});

test('invalid YAML: the parser\'s first line, and the parser\'s error kept as the cause', () => {
  const yamlError = (): unknown => { try { parse('- {name: a\n'); } catch (error) { return error; } return undefined; };
  const first = String((yamlError() as Error).message).split('\n')[0] ?? '';
  expect(first.length).toBeGreaterThan(10);
  try {
    parseNodeSpecs('- {name: a\n', parse);
    expect.unreachable();
  } catch (error) {
    expect((error as Error).message).toBe(`is not valid YAML: ${first}`);
    expect((error as Error).cause).toBeInstanceOf(Error);
  }
});

test.each<[string, object]>([
  ['- name: a', { name: 'a', platforms: [], driverOpts: [] }],
  ['- {name: a, endpoint: null, platforms: null, driver-opts: null, buildkitd-flags: null}', { name: 'a', platforms: [], driverOpts: [] }],
  ['- {name: a, endpoint: "  ssh://u@h  "}', { name: 'a', endpoint: 'ssh://u@h', platforms: [], driverOpts: [] }],
  ['- {name: a, endpoint: my-context}', { name: 'a', endpoint: 'my-context', platforms: [], driverOpts: [] }],
  ['- {name: a, endpoint: "docker-container://c1"}', { name: 'a', endpoint: 'docker-container://c1', platforms: [], driverOpts: [] }],
  ['- {name: a, platforms: [" linux/arm64/v8 ", linux/arm/v7]}', { name: 'a', platforms: ['linux/arm64', 'linux/arm/v7'], driverOpts: [] }],
  ['- {name: a, platforms: "linux/amd64\\nlinux/arm64"}', { name: 'a', platforms: ['linux/amd64', 'linux/arm64'], driverOpts: [] }],
  ['- {name: a, driver-opts: "image=r/b:1,x\\nnetwork=host"}', { name: 'a', platforms: [], driverOpts: ['image=r/b:1,x', 'network=host'] }],
  ['- {name: a, driver-opts: [" env.A=1 "], buildkitd-flags: " --debug "}',
    { name: 'a', platforms: [], driverOpts: ['env.A=1'], buildkitdFlags: '--debug' }],
])('%j', (text, want) => {
  expect(parseNodeSpecs(text, parse)).toStrictEqual([want]);
});
