// The bake room's pure parts on buildx 0.29's real output (fixtures/bake: progress and metadata of
// bakes run on the bed): which targets a bake pushed and which failed, each target's digest, the
// argv from the inputs, the union of the targets' platforms.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bakeCommand } from '../../../src/bake/bake-argv.js';
import { metadataText, readBakeMetadata } from '../../../src/bake/bake-metadata.js';
import { bakeError, platformsOf } from '../../../src/bake/definition.js';
import { PushedTargets } from '../../../src/bake/pushed-targets.js';
import { parseInputs } from '../../../src/inputs/inputs.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/bake');
const lines = (name: string): string[] => readFileSync(join(FIXTURES, name), 'utf8').split('\n');
const R = '127.0.0.1:5000/bkfix';

function watched(targets: Record<string, string[]>, progress: string[]): PushedTargets {
  const pushed = new PushedTargets(targets);
  const watch = pushed.watch();
  for (const l of progress) watch.line(l);
  watch.end();
  return pushed;
}

describe('what a bake pushed', () => {
  test('both targets pushed, every tag: a failure line would say so', () => {
    const pushed = watched({ app: [`${R}/app:1`, `${R}/app:latest`], migrate: [`${R}/migrate:1`] },
      lines('two-targets.progress'));
    expect(pushed.failureLine('buildx bake failed: ERROR: target zzz: x')).toBe('buildx bake failed: ERROR: target ' +
      'zzz: x; target zzz failed, none of its tags written; the other targets: app pushed ' +
      '(sha256:a0e9a79544740f612d77be4a9477bf5f3e36ea0d061fdf759a490853ed41eba4), migrate pushed ' +
      '(sha256:8c55dff5ed4dadbad2e9d35ef337adc267b1e9fc48f0701a5c0576beaabe073a)');
  });

  test('a failed target cancels the other: nothing of it pushed; the fix stays last', () => {
    const progress = lines('failed-target.progress');
    const error = bakeError(progress);
    expect(error).toMatch(/^target broken: failed to solve: process .* exit code: 1$/);
    const pushed = watched({ migrate: [`${R}/migrate:1`], broken: [`${R}/broken:1`] }, progress);
    expect(pushed.failureLine(`bake failed: ${error}. Fix: look`)).toBe(`bake failed: ${error}; target broken ` +
      'failed, none of its tags written; the other targets: migrate not pushed. Fix: look');
  });
});

test('each target\'s digest and build ref from the metadata file; buildx\'s own keys are not targets', () => {
  const meta = readBakeMetadata(metadataText(join(FIXTURES, 'two-targets.metadata.json')), ['app', 'migrate', 'absent']);
  expect(meta.app?.digest).toBe('sha256:a0e9a79544740f612d77be4a9477bf5f3e36ea0d061fdf759a490853ed41eba4');
  expect(meta.migrate?.ref).toMatch(/^default\/default\/\w+$/);
  expect(meta.absent).toEqual({});
  expect(readBakeMetadata(metadataText('/nonexistent.json'), ['app'])).toEqual({ app: {} });
});

test('the union of the targets\' platforms', () => {
  expect(platformsOf({ targets: { a: { platforms: ['linux/amd64', 'linux/arm64'] }, b: { platforms: ['linux/amd64'] },
    c: {} } })).toEqual(['linux/amd64', 'linux/arm64']);
});

describe('bake argv', () => {
  const inputs = (values: Record<string, string>) =>
    parseInputs((name) => values[name] ?? (name === 'workdir' ? FIXTURES : name === 'context' ? FIXTURES : ''), {});
  test('files, overrides, host network for every target, push, targets last; nothing in a shell', () => {
    const i = inputs({ files: 'two-targets.hcl', targets: 'app,migrate', set: 'app.args.X=1', push: 'true' });
    const dir = mkdtempSync(join(tmpdir(), 'mab-bake-argv-'));
    const cmd = bakeCommand(i, i.bake ?? { files: [], targets: [], set: [], workdir: '.' },
      { metadataFile: '/w/meta.json', workDir: dir, caches: { app: { from: ['type=gha,scope=a'], to: [] },
        migrate: { from: [], to: [] } } },
      { name: 'b1', hostNetwork: true, buildkitAttests: false });
    const network = join(dir, 'multiarch-build.bake.json');
    expect(cmd.argv).toEqual(['bake', '--file', 'two-targets.hcl', '--set', 'app.args.X=1', '--file', network,
      '--allow', 'network.host', '--builder', 'b1', '--metadata-file', '/w/meta.json', '--push', 'app', 'migrate']);
    expect(JSON.parse(readFileSync(network, 'utf8'))).toEqual({ target: {
      app: { network: 'host', 'cache-from': ['type=gha,scope=a'] }, migrate: { network: 'host' } } });
    expect(cmd.cwd).toBe(FIXTURES);
    expect(cmd.env.BUILDX_METADATA_WARNINGS).toBe('true');
  });

  test('no files given: the default files that exist are named before the action\'s file', () => {
    const project = mkdtempSync(join(tmpdir(), 'mab-bake-defaults-'));
    for (const f of ['compose.yaml', 'docker-bake.hcl']) writeFileSync(join(project, f), '');
    const i = inputs({ targets: 'app', workdir: project });
    const cmd = bakeCommand(i, i.bake ?? { files: [], targets: [], set: [], workdir: '.' },
      { metadataFile: '/m', workDir: project, caches: { app: { from: [], to: [] } } }, { hostNetwork: true });
    expect(cmd.argv.slice(0, 7)).toEqual(['bake', '--file', 'compose.yaml', '--file', 'docker-bake.hcl', '--file',
      join(project, 'multiarch-build.bake.json')]);
  });
  test('host network off: neither the entitlement nor the network; provenance as for build', () => {
    const i = inputs({ targets: 'app', provenance: 'mode=max', 'host-network': 'false' });
    const cmd = bakeCommand(i, i.bake ?? { files: [], targets: [], set: [], workdir: '.' },
      { metadataFile: '/m', workDir: '/nowhere', caches: { app: { from: [], to: [] } } },
      { hostNetwork: false, buildkitAttests: true });
    expect(cmd.argv).toEqual(['bake', '--set', '*.attest=type=provenance,mode=max', '--metadata-file', '/m', 'app']);
  });
});
