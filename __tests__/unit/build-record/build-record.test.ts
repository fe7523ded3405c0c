import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exportArgv, recordFilename } from '../../../src/build-record/record-export.js';
import { buildxConfigDir, refsSince } from '../../../src/build-record/record-refs.js';
import { artifactUrl, noArtifactService } from '../../../src/build-record/record-upload.js';

test('named as build-push-action names it: OWNER~REPO~REF6, +N for more builds', () => {
  expect(recordFilename(['default/default/7240ivpwynypjggdfuqaswthb'], 'octo/app')).toBe('octo~app~7240IV.dockerbuild');
  expect(recordFilename(['b/b0/abcdefgh', 'b/b0/zzzzzzz', 'b/b1/yyyyyy'], 'octo/app')).toBe('octo~app~ABCDEF+2.dockerbuild');
  expect(recordFilename(['b/b0/abcdefgh'], undefined)).toBe('local~build~ABCDEF.dockerbuild');
});

test('export argv: the builder, the file, each ref by its id; --finalize where buildx has it', () => {
  expect(exportArgv('mab-1', ['mab-1/mab-10/r1', 'mab-1/mab-11/r2'], '/t/x.dockerbuild', true)).toStrictEqual(
    ['history', 'export', '--builder', 'mab-1', '--output', '/t/x.dockerbuild', '--finalize', 'r1', 'r2']);
  expect(exportArgv('default', ['default/default/r1'], '/t/x', false)).toStrictEqual(
    ['history', 'export', '--builder', 'default', '--output', '/t/x', 'r1']);
});

test("buildx's folder: BUILDX_CONFIG, else DOCKER_CONFIG/buildx, else ~/.docker/buildx", () => {
  expect(buildxConfigDir({ BUILDX_CONFIG: '/b', DOCKER_CONFIG: '/d' })).toBe('/b');
  expect(buildxConfigDir({ DOCKER_CONFIG: '/d' })).toBe('/d/buildx');
  expect(buildxConfigDir({})).toMatch(/\/\.docker\/buildx$/);
});

test("the step's builds: every node's refs written since the build began, oldest first; others' not", () => {
  const config = mkdtempSync(join(tmpdir(), 'mab-buildx-'));
  const write = (node: string, ref: string, at: number): void => {
    mkdirSync(join(config, 'refs', 'mab', node), { recursive: true });
    writeFileSync(join(config, 'refs', 'mab', node, ref), '{"LocalPath":"/w"}');
    utimesSync(join(config, 'refs', 'mab', node, ref), at / 1000, at / 1000);
  };
  const since = Date.parse('2026-12-07T10:00:00Z');
  write('mab0', 'before', since - 60_000);
  write('mab0', 'second', since + 20_000);
  write('mab1', 'first', since + 5_000);
  mkdirSync(join(config, 'refs', 'other', 'n'), { recursive: true });
  writeFileSync(join(config, 'refs', 'other', 'n', 'theirs'), '{}');
  expect(refsSince('mab', new Date(since), { BUILDX_CONFIG: config })).toStrictEqual(['mab/mab1/first', 'mab/mab0/second']);
  expect(refsSince('none', new Date(since), { BUILDX_CONFIG: config })).toStrictEqual([]);
});

test('an artifact service: a workflow run on github.com or GHE.com, not GHES, not outside a run', () => {
  const run = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results/' };
  expect(noArtifactService(run)).toBeUndefined();
  expect(noArtifactService({ ...run, GITHUB_SERVER_URL: 'https://octo.ghe.com' })).toBeUndefined();
  expect(noArtifactService({ ...run, GITHUB_SERVER_URL: 'https://git.example.org' })).toBe(
    'no artifact service for it on GitHub Enterprise Server (git.example.org)');
  expect(noArtifactService({})).toBe('no artifact service here (not in a workflow run)');
  expect(artifactUrl({ GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '42' }, 7)).toBe(
    'https://github.com/octo/app/actions/runs/42/artifacts/7');
});
