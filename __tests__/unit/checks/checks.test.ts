import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { annotationsFor, dockerfileSite } from '../../../src/checks/annotations.js';
import { checkWarnings } from '../../../src/checks/check-warnings.js';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../fixtures/metadata', name), 'utf8');
// buildx 0.29.1 on the engine's BuildKit, a two-platform build of checks.Dockerfile.
const TWO_PLATFORMS = fixture('checks-two-platforms.json');
const DOCKERFILE = fixture('checks.Dockerfile');

describe('the checks in buildx metadata', () => {
  test('decoded: the rule as title, the short text without its line, the URL, file and line', () => {
    expect(checkWarnings(TWO_PLATFORMS)).toStrictEqual([
      {
        title: "The 'as' keyword should match the case of the 'from' keyword",
        message: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match",
        url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
        filename: 'Dockerfile', source: Buffer.from(DOCKERFILE).toString('base64'), line: 1,
      },
      {
        title: 'Sensitive data should not be used in the ARG or ENV commands',
        message: 'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")',
        url: 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/',
        filename: 'Dockerfile', source: Buffer.from(DOCKERFILE).toString('base64'), line: 3,
      },
    ]);
  });

  test('a warning reported by each platform is one warning, in line order', () => {
    const meta = JSON.parse(TWO_PLATFORMS) as Record<string, unknown[]>;
    const w = meta['buildx.build.warnings'] ?? [];
    meta['buildx.build.warnings'] = [w[1], w[0], w[1], w[0]];
    expect(checkWarnings(JSON.stringify(meta)).map((x) => x.line)).toStrictEqual([1, 3]);
  });

  test('the named Dockerfile keeps its own name', () => {
    expect(checkWarnings(fixture('checks-named-dockerfile.json')).map((w) => [w.filename, w.line]))
      .toStrictEqual([['Dockerfile.prod', 1], ['Dockerfile.prod', 3]]);
  });

  test.each([['{}'], ['null'], ['not json'], ['{"buildx.build.warnings": "x"}'],
    ['{"buildx.build.warnings": [{"level": 1}]}']])('none in %s', (text) => expect(checkWarnings(text)).toStrictEqual([]));
});

describe('where an annotation goes', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mab-ws-'));
  mkdirSync(join(workspace, 'app'));
  writeFileSync(join(workspace, 'app', 'Dockerfile'), DOCKERFILE);
  const local = { context: 'app', contextIsLocal: true };

  test('a local Dockerfile in the workspace: its path from the workspace, its content to match', () => {
    const site = dockerfileSite(local, workspace, workspace);
    expect(site).toStrictEqual({ path: 'app/Dockerfile', content: Buffer.from(DOCKERFILE).toString('base64') });
    const placed = annotationsFor(checkWarnings(TWO_PLATFORMS), site);
    expect(placed.map((a) => [a.file, a.startLine])).toStrictEqual(
      [['app/Dockerfile', 1], ['app/Dockerfile', 3]]);
  });

  test('a Dockerfile changed since (other content) or of another name is not placed, still annotated', () => {
    writeFileSync(join(workspace, 'app', 'Other'), `${DOCKERFILE}# changed\n`);
    const changed = dockerfileSite({ ...local, file: 'app/Other' }, workspace, workspace);
    const unplaced = annotationsFor(checkWarnings(TWO_PLATFORMS), changed);
    expect(unplaced.map((a) => a.file)).toStrictEqual([undefined, undefined]);
    expect(annotationsFor(checkWarnings(TWO_PLATFORMS), undefined)[0]).toStrictEqual({
      title: "The 'as' keyword should match the case of the 'from' keyword",
      message: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match\nMore info: https://docs.docker.com/go/dockerfile/rule/from-as-casing/",
    });
  });

  test('outside the workspace, or a remote context of another repository: no place', () => {
    expect(dockerfileSite({ context: '/etc', contextIsLocal: true }, workspace, workspace)).toBeUndefined();
    expect(dockerfileSite({ context: 'https://github.com/other/repo.git', contextIsLocal: false }, workspace)).toBeUndefined();
  });

  test('the default Git context: the path in this repository, its subdirectory included', () => {
    expect(dockerfileSite({ context: '{{defaultContext}}', contextIsLocal: false }, workspace)).toStrictEqual({ path: 'Dockerfile' });
    expect(dockerfileSite({ context: '{{defaultContext}}:app', contextIsLocal: false, file: 'Dockerfile.prod' }, workspace))
      .toStrictEqual({ path: 'app/Dockerfile.prod' });
    const named = annotationsFor(checkWarnings(fixture('checks-named-dockerfile.json')), { path: 'app/Dockerfile.prod' });
    expect(named.map((a) => [a.file, a.startLine])).toStrictEqual([['app/Dockerfile.prod', 1], ['app/Dockerfile.prod', 3]]);
  });
});
