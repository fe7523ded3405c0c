// action.yml, the inputs the code reads and the README's tables must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseInputs } from '../../src/inputs/inputs.js';
import { OUTPUT_NAMES, outputValues } from '../../src/report/outputs.js';
// @ts-expect-error: a plain .mjs script without types
import { section, tables } from '../../scripts/docs-tables.mjs';

const root = join(import.meta.dirname, '../..');
const actionYml = readFileSync(join(root, 'action.yml'), 'utf8');
interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}
const action = parse(actionYml) as ActionYml;

test('README\'s pinned defaults are the ones the code runs', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const none = parseInputs((name) => (name === 'context' ? root : ''), {});
  const pinned = section(readme, 'pinned') as string;
  expect(pinned).toContain(`| \`buildkit-image\` | \`${none.setup.buildkitImage}\` |`);
  expect(pinned).toContain(`| \`qemu-image\` | \`${none.qemu.image}\` |`);
  expect(none.buildxPin).toBeUndefined();
  expect(pinned).toContain('| `buildx-version` | none: the runner\'s buildx |');
  expect(none.signing.cosignPin).toBeUndefined();
  expect(pinned).toContain('| `cosign-version` | none: the cosign on PATH |');
});

// The pins are checked for form only: the bed builds its own images and cannot pull these.
test('the pinned images name a released tag and the digest of what it served', () => {
  const none = parseInputs((name) => (name === 'context' ? root : ''), {});
  for (const image of [none.setup.buildkitImage, none.qemu.image]) {
    expect(image).toMatch(/^[a-z0-9./-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}$/);
    expect(image).not.toMatch(/:(latest|buildx-stable-1|master)@/);
  }
});

describe('action.yml', () => {
  test('declares exactly the inputs the code reads', () => {
    const read = new Set<string>();
    parseInputs((name) => {
      read.add(name);
      return name === 'context' ? root : '';
    }, {});
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  // action.yml is the one source of defaults: with nothing given, the code reads exactly them.
  test('the code\'s defaults are action.yml\'s', () => {
    const none = parseInputs((name) => (name === 'context' ? root : ''), {});
    const d = (name: string): string => action.inputs[name]?.default ?? '';
    expect(none.platforms.join(',')).toBe(d('platforms'));
    expect(String(none.push)).toBe(d('push'));
    expect(String(none.load)).toBe(d('load'));
    expect(String(none.noCache)).toBe(d('no-cache'));
    expect(String(none.pull)).toBe(d('pull'));
    expect(none.setup.driver).toBe(d('driver'));
    expect(none.setup.buildkitImage).toBe(d('buildkit-image'));
    expect(String(none.setup.hostNetwork)).toBe(d('host-network'));
    expect(String(none.setup.bootTimeoutSeconds)).toBe(d('boot-timeout'));
    expect(String(none.setup.bootRetries)).toBe(d('boot-retries'));
    expect(String(none.setup.cleanup)).toBe(d('cleanup'));
    expect(none.qemu.mode).toBe(d('qemu'));
    expect(none.qemu.image).toBe(d('qemu-image'));
    expect(none.release.mode).toBe(d('mode'));
    expect(String(none.release.pushByDigest)).toBe(d('push-by-digest'));
    expect(String(none.retry.retries)).toBe(d('retries'));
    expect(String(none.retry.delaySeconds)).toBe(d('retry-delay'));
    expect(none.signing.mode).toBe(d('sign'));
    expect(none.signing.tlog).toBe(d('sign-tlog'));
    expect(String(none.signing.verifySources)).toBe(d('verify-sources'));
    expect(none.cache.mode).toBe(d('cache'));
    // A default the runner evaluates means nothing elsewhere.
    expect(d('github-token')).toContain('${{');
    expect(none.githubToken).toBeUndefined();
    const defaulted = Object.keys(action.inputs).filter((k) => action.inputs[k]?.default !== undefined);
    expect(defaulted.sort()).toEqual(['boot-retries', 'boot-timeout', 'buildkit-image', 'buildx-url', 'cache', 'cleanup',
      'cosign-url', 'driver', 'github-token', 'group-by-runner', 'host-network', 'load', 'mode', 'no-cache', 'platforms', 'pull', 'push',
      'push-by-digest', 'qemu', 'qemu-image', 'retries', 'retry-delay', 'sign', 'sign-tlog', 'verify-sources',
      'workdir']);
    expect(parseInputs((name) => (name === 'targets' ? 'app' : ''), {}).bake?.workdir).toBe(d('workdir'));
  });

  test('declares exactly the outputs the code sets', () => {
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort());
    const merged = outputValues({ mode: 'merge', digest: 'sha256:x', digests: {}, platforms: [], tags: [], left: {} });
    expect(Object.keys(merged).sort()).toEqual(Object.keys(action.outputs).sort());
  });

  test('README tables match action.yml (node scripts/docs-tables.mjs --write)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const t = tables(actionYml) as { pinned: string; inputs: string; outputs: string };
    expect(section(readme, 'pinned')).toBe(t.pinned);
    expect(section(readme, 'inputs')).toBe(t.inputs);
    expect(section(readme, 'outputs')).toBe(t.outputs);
  });
});
