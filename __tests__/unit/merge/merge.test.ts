// Matrix legs and the merge step: the leg's argv, release inputs, and the merge's checks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildCommand, pushesToRegistry } from '../../../src/image-build/build-argv.js';
import { parseInputs } from '../../../src/inputs/inputs.js';
import { coverageProblem, imagetoolsArgv, verificationProblem, type ResolvedSource } from '../../../src/merge/merge.js';
import type { FetchedManifest } from '../../../src/registry/client.js';

const ctx = mkdtempSync(join(tmpdir(), 'mab-merge-'));
const inputs = (values: Record<string, string>) => parseInputs((n) => values[n] ?? (n === 'context' ? ctx : ''), {});
const src = (source: string, platforms: Record<string, string>): ResolvedSource =>
  ({ source, pinned: `${source}@sha256:x`, platforms });

describe('a leg pushes by digest', () => {
  test('no tag and no --push: an image output by digest to the tags\' repositories', () => {
    const i = inputs({ tags: 'ghcr.io/o/app:1.0,ghcr.io/o/app:latest,docker.io/o/app:1.0', 'push-by-digest': 'true',
      platforms: 'linux/arm64' });
    expect(pushesToRegistry(i)).toBe(true);
    const argv = buildCommand(i, '/m.json').argv;
    expect(argv).not.toContain('--tag');
    expect(argv).not.toContain('--push');
    const output = 'type=image,"name=ghcr.io/o/app,docker.io/o/app",push-by-digest=true,name-canonical=true,push=true';
    expect(argv[argv.indexOf(output) - 1]).toBe('--output');
  });

  test('image names the repository instead', () => {
    expect(inputs({ image: 'ghcr.io/o/app', 'push-by-digest': 'true' }).release.repositories).toEqual(['ghcr.io/o/app']);
  });

  test.each([
    [{ 'push-by-digest': 'true' }, /^Input "image": "" is empty, and so is tags/],
    [{ 'push-by-digest': 'true', tags: 'r/a:1', builder: 'default' }, /^Input "push-by-digest": "true" does not work on builder "default"/],
    [{ image: 'ghcr.io/o/app:1' }, /^Input "image": .* give the repository only/],
    [{ mode: 'merge' }, /^Input "tags": "" is empty: mode merge needs/],
    [{ mode: 'merge', tags: 'r/a:1', sources: 'not a ref' }, /^Input "sources"/],
    [{ mode: 'combine' }, /^Input "mode": "combine" is not one of build, merge/],
  ])('bad: %j', (values, why) => {
    expect(() => inputs(values)).toThrow(why);
  });
});

describe('the merge checks its sources before it creates anything', () => {
  const amd = src('r/a@sha256:1', { 'linux/amd64': 'sha256:a' });
  const arm = src('r/a:1.0-arm64', { 'linux/arm64': 'sha256:b' });
  test.each<[string, string[], ResolvedSource[], string | undefined]>([
    ['exactly covered', ['linux/amd64', 'linux/arm64'], [amd, arm], undefined],
    ['a leg missing', ['linux/amd64', 'linux/arm64'], [amd], 'missing linux/arm64'],
    ['a platform twice', ['linux/amd64'], [amd, amd], 'twice: linux/amd64 (in r/a@sha256:1 and r/a@sha256:1)'],
    ['one not expected', ['linux/amd64'], [amd, arm], 'not expected: linux/arm64'],
    ['all three at once', ['linux/arm64', 'linux/s390x'], [amd, arm, arm],
      'missing linux/s390x; twice: linux/arm64 (in r/a:1.0-arm64 and r/a:1.0-arm64); not expected: linux/amd64'],
    ['nothing resolved', ['linux/amd64'], [], 'missing linux/amd64'],
    ['several of each', ['linux/s390x', 'linux/386'], [src('r/b:1', { 'linux/amd64': 'sha256:a', 'linux/arm64': 'sha256:b' }),
      src('r/b:2', { 'linux/amd64': 'sha256:c', 'linux/arm64': 'sha256:d' })],
    'missing linux/s390x, linux/386; twice: linux/amd64 (in r/b:1 and r/b:2), linux/arm64 (in r/b:1 and r/b:2); ' +
      'not expected: linux/amd64, linux/arm64'],
  ])('%s', (_name, expected, resolved, want) => {
    expect(coverageProblem(expected, resolved)).toBe(want);
  });

  test('imagetools argv: every tag, the annotations, the pinned sources', () => {
    expect(imagetoolsArgv(['r/a:1', 'q/a:1'], ['index:org.opencontainers.image.version=1'], ['r/a@sha256:1'])).toEqual([
      'imagetools', 'create', '--tag', 'r/a:1', '--tag', 'q/a:1',
      '--annotation', 'index:org.opencontainers.image.version=1', 'r/a@sha256:1',
    ]);
  });
});

describe('the verification of the merged tags', () => {
  const idx = (manifests: [string, string][]): FetchedManifest => ({
    digest: 'sha256:i', mediaType: 'application/vnd.oci.image.index.v1+json',
    json: { manifests: manifests.map(([p, d]) => {
      const [os = '', architecture = ''] = p.split('/');
      return { digest: d, platform: { os, architecture } };
    }) },
  });
  const want = { 'linux/amd64': 'sha256:a', 'linux/arm64': 'sha256:b' };
  const good = idx([['linux/amd64', 'sha256:a'], ['linux/arm64', 'sha256:b']]);
  test('every tag serves the index with exactly the merged platforms', () => {
    expect(verificationProblem('r/a:1', good, want, ['r/a:latest'], ['sha256:i'])).toBeUndefined();
  });
  test('a tag serving another digest is named', () => {
    expect(verificationProblem('r/a:1', good, want, ['r/a:latest', 'r/b:1'], ['sha256:i', 'sha256:x']))
      .toBe('r/b:1 serves sha256:x, r/a:1 serves sha256:i');
  });
  test('an index with a platform missing or another manifest is refused', () => {
    expect(verificationProblem('r/a:1', idx([['linux/amd64', 'sha256:a']]), want, [], []))
      .toMatch(/^r\/a:1 does not serve the merged platforms: got/);
    expect(verificationProblem('r/a:1', idx([['linux/amd64', 'sha256:a'], ['linux/arm64', 'sha256:z']]), want, [], []))
      .toContain('want');
  });
});
