// The weekly proposal of newer pinned images: the newest tag of the same shape, and action.yml's
// default replaced in its input only.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { newestTag, PINNED_INPUTS, splitPinned, withDefault } from '../../../scripts/pinned-images.mjs';

test.each([
  ['v0.32.2', ['v0.32.1', 'v0.33.0-rc1', 'v0.33.0', 'buildx-stable-1', 'latest', 'v0.32.10', 'master'], 'v0.33.0'],
  ['v0.32.2', ['v0.32.10', 'v0.32.3'], 'v0.32.10'],
  ['v0.32.2', ['v0.31.9', 'v0.32.2'], 'v0.32.2'],
  ['qemu-v10.2.3-68', ['qemu-v10.2.3-67', 'qemu-v10.2.4-70', 'qemu-v9.9.9-99', 'latest', 'buildkit-v8.1.5-42',
    'qemu-v10.2.4-70-rc'], 'qemu-v10.2.4-70'],
  ['qemu-v10.2.3-68', ['qemu-v10.2.3-69'], 'qemu-v10.2.3-69'],
])('%s among %j -> %s', (current, tags, next) => {
  expect(newestTag(current, tags)).toBe(next);
});

test('pinned references, with and without their digest', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  expect(splitPinned(`moby/buildkit:v0.32.2@${digest}`)).toStrictEqual({ name: 'moby/buildkit', tag: 'v0.32.2', digest });
  expect(splitPinned('tonistiigi/binfmt:qemu-v10.2.3-68')).toStrictEqual(
    { name: 'tonistiigi/binfmt', tag: 'qemu-v10.2.3-68', digest: undefined });
  expect(() => splitPinned('moby/buildkit')).toThrow('is not NAME:TAG');
});

interface ActionInputs {
  inputs: Record<string, { default?: string }>;
}

test('action.yml\'s defaults: each pinned input is one, and only its own default changes', () => {
  const yml = readFileSync('action.yml', 'utf8');
  const inputs = (parse(yml) as ActionInputs).inputs;
  for (const input of PINNED_INPUTS) {
    const current = String(inputs[input]?.default);
    expect(splitPinned(current).name).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
    const pinned = `${splitPinned(current).name}:v9.9.9@sha256:${'b'.repeat(64)}`;
    const changed = parse(withDefault(yml, input, current, pinned)) as ActionInputs;
    expect(changed.inputs[input]?.default).toBe(pinned);
    for (const other of Object.keys(inputs).filter((k) => k !== input)) {
      expect(changed.inputs[other]?.default).toBe(inputs[other]?.default);
    }
  }
  expect(() => withDefault(yml, 'qemu-image', 'nope:1', 'x:2')).toThrow('action.yml: qemu-image has no default nope:1');
});
