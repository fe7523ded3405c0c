import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseInputs, type RawInputs } from '../../../src/inputs/inputs.js';

const ctx = mkdtempSync(join(tmpdir(), 'mab-inputs-'));
writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\n');
const raw = (values: Record<string, string>): RawInputs => (name) => values[name] ?? '';
const parse = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseInputs(raw({ context: ctx, ...values }), env);

describe('inputs: good values', () => {
  test('defaults', () => {
    const i = parse({});
    expect(i.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(i.push).toBe(false);
    expect(i.tags).toEqual([]);
    expect(i.contextIsLocal).toBe(true);
  });

  test('list rules: build-args keep commas, tags split on commas', () => {
    const i = parse({ 'build-args': 'A=x,y\nB=2', tags: 'r/a:1,r/a:2\nr/b:3', push: 'True' });
    expect(i.buildArgs).toEqual(['A=x,y', 'B=2']);
    expect(i.tags).toEqual(['r/a:1', 'r/a:2', 'r/b:3']);
    expect(i.push).toBe(true);
  });

  test('secrets keep "=" in values and may span lines in quotes', () => {
    const i = parse({ secrets: 'A=x=y\n"B=line1\nline2"' });
    expect(i.secrets).toEqual([{ id: 'A', value: 'x=y' }, { id: 'B', value: 'line1\nline2' }]);
  });

  test('default context is the Git context of the workflow commit', () => {
    const i = parseInputs(raw({}), {
      GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc', GITHUB_REF: 'refs/heads/main',
      GITHUB_SERVER_URL: 'https://github.com',
    });
    // Expanded by the build stage (its form depends on buildx): see build-argv.test.ts.
    expect(i.context).toBe('{{defaultContext}}');
    expect(i.contextIsLocal).toBe(false);
    expect(i.github.git).toEqual({ repoUrl: 'https://github.com/o/r.git', ref: 'refs/heads/main', sha: 'abc' });
  });

  test('platform variants are normalized as BuildKit pushes them', () => {
    expect(parse({ platforms: 'linux/arm64/v8, linux/arm/v7' }).platforms).toEqual(['linux/arm64', 'linux/arm/v7']);
  });
});

// Each bad value fails with one line naming the input and the value.
const bad: [string, string, string][] = [
  ['platforms', 'linux/amd65', 'unknown architecture'],
  ['platforms', 'linux/', 'os/arch'],
  ['platforms', 'linux/amd64,linux/amd64', 'twice'],
  ['platforms', 'linux/amd64,linux/amd64/v1', 'lists linux/amd64 twice'],
  ['platforms', 'linux/arm64/v8\nlinux/arm64', 'lists linux/arm64 twice'],
  ['platforms', 'linux/arm/v9', 'unknown variant'],
  ['tags', 'Ghcr.io/ORG/App:1', 'lowercase'],
  ['tags', 'app:bad tag', 'not a valid image reference'],
  ['tags', `app@sha256:${'a'.repeat(64)}`, 'digest'],
  ['push', 'yes', 'not a boolean'],
  ['load', '1', 'not a boolean'],
  ['no-cache', 'maybe', 'not a boolean'],
  ['pull', 'on', 'not a boolean'],
  ['context', '/no/such/dir', 'does not exist'],
  ['file', 'no-such.Dockerfile', 'does not exist'],
  ['build-args', '=x', 'invalid build arg name'],
  ['build-args', 'BAD KEY=1', 'invalid build arg name'],
  ['labels', 'novalue', 'KEY=VALUE'.replace('KEY', 'label key')],
  ['secret-envs', 'id=1BAD', 'environment variable'],
  ['secret-files', 'id=/no/such/file', 'does not exist'],
  ['cache-to', 'mode=max', 'type='],
  ['cache-from', 'not a ref', 'neither'],
  ['shm-size', 'lots', 'size'],
  ['ulimit', 'nofile', 'NAME=SOFT'],
  ['add-hosts', 'nohost', 'HOST:IP'],
  ['allow', 'root.access', 'entitlement'],
  ['call', 'explode', 'build, check'],
  ['network', 'host;rm -rf /', 'network mode'],
  ['builder', '$(id)', 'builder name'],
  ['target', 'bad stage', 'stage name'],
  ['provenance', 'mode', 'KEY=VALUE'],
  ['attests', 'sbom', 'type='],
];

describe('inputs: bad values', () => {
  test.each(bad)('%s = %j', (name, value, why) => {
    const values = { [name]: value };
    if (name === 'file') Object.assign(values, { file: join(ctx, value) });
    expect(() => parse(values)).toThrow(new RegExp(`^Input "${name}": ".*" .*${escape(why)}`));
  });

  test('push without tags names the tags input', () => {
    expect(() => parse({ push: 'true' })).toThrow(/^Input "tags": "" is empty, but push is true/);
  });

  test('a bad secret line never shows its value', () => {
    let message = '';
    try {
      parse({ secrets: 'bad id=hunter2' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Input "secrets"/);
    expect(message).not.toContain('hunter2');
  });

  // docker's action warns and builds with the first line; here the step stops and says how.
  test('an unquoted multi-line secret says to quote it, and never shows the value', () => {
    expect(() => parse({ secrets: 'TOKEN=first-line\nsecond-line-hunter2' })).toThrow(
      /^Input "secrets": "line 2" is not of the form ID=VALUE: a multi-line value must be quoted whole/);
    expect(() => parse({ secrets: 'TOKEN=first-line\nsecond-line-hunter2' })).not.toThrow(/hunter2/);
  });

  // Values buildx and docker's action accept are never refused.
  test.each<[string, string]>([
    ['add-hosts', 'host.docker.internal:host-gateway'],
    ['cache-to', 'user/app:cache'],
    ['cache-from', 'ghcr.io/o/app:buildcache'],
    ['outputs', 'out'],
    ['outputs', 'type=image,"name=a/b,c/d",push=true'],
    ['ssh', 'default,key2'],
    ['platforms', '"linux/arm64,linux/arm/v7"'],
    ['provenance', 'mode=max,builder-id=foo'],
    ['sbom', 'generator=docker/buildkit-syft-scanner'],
    ['attests', 'type=provenance,mode=min'],
  ])('%s: %j is accepted', (name, value) => {
    expect(() => parse({ [name]: value })).not.toThrow();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
