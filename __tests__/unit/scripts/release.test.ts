// The release's logic: which floating tags move, the notes from CHANGELOG.md, the dist comparison.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { changelogSection, parseReleaseTag, tagsToMove, treeDifferences } from '../../../scripts/release/release.mjs';

describe('tags a release moves', () => {
  test.each([
    ['v1.0.0', [], ['v1', 'v1.0']],
    ['v1.2.3', ['v1.2.2', 'v1.1.0', 'v1', 'v1.2'], ['v1', 'v1.2']],
    // A fix to an older line moves that line only: @v1 stays on the newest 1.x.
    ['v1.2.4', ['v1.2.3', 'v1.3.0'], ['v1.2']],
    ['v1.2.4', ['v1.2.5'], []],
    ['v2.0.0', ['v1.9.9', 'v1'], ['v2', 'v2.0']],
    ['v1.10.0', ['v1.9.0'], ['v1', 'v1.10']],
    // Pre-releases and other tags neither move nor hold back.
    ['v1.3.0-rc.1', ['v1.2.0'], []],
    ['v1.2.0', ['v1.3.0-rc.1', 'nightly', 'v1.x'], ['v1', 'v1.2']],
    // The tag itself may already be listed (it was pushed).
    ['v1.2.0', ['v1.2.0', 'v1.1.0'], ['v1', 'v1.2']],
  ])('%s with %j -> %j', (tag, existing, moves) => {
    expect(tagsToMove(tag, existing)).toStrictEqual(moves);
  });

  test.each(['1.2.3', 'v1.2', 'v1', 'v01.2.3', 'v1.2.3.4', 'latest', 'v1.2.3 ', 'v1.2.3;rm'])('%j is refused', (tag) => {
    expect(() => parseReleaseTag(tag)).toThrow(`${tag} is not a release tag`);
  });
});

describe('the CHANGELOG section as notes', () => {
  const LOG = [
    '# Changelog', '', '## [Unreleased]', '- coming', '',
    '## [1.2.0] - 2027-01-02', '### Fixed', '- a fix', '', '## [1.1.10] - 2026-12-30', '- ten',
    '## [1.1.1] - 2026-12-20', '', '- one', '', '[1.2.0]: https://example.invalid/compare', '',
  ].join('\n');

  test.each([
    ['v1.2.0', '### Fixed\n- a fix'],
    ['v1.1.1', '- one'],
    ['v1.1.10', '- ten'],
  ])('%s', (tag, notes) => {
    expect(changelogSection(LOG, tag)).toBe(notes);
  });

  test('a version without a section, or with an empty one, is refused', () => {
    expect(() => changelogSection(LOG, 'v1.1.0')).toThrow('CHANGELOG.md has no section for 1.1.0');
    expect(() => changelogSection(LOG, 'v1.2')).toThrow('no section for 1.2');
    expect(() => changelogSection('## [2.0.0] - 2027-01-01\n\n## [1.0.0]\n- x', 'v2.0.0')).toThrow('is empty');
  });

  test('the project\'s own CHANGELOG has a section for package.json\'s version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(changelogSection(readFileSync('CHANGELOG.md', 'utf8'), `v${version}`)).toContain('### Added');
  });
});

test('dist compared file by file: changed, missing and extra files are named', () => {
  const committed = new Map([['dist/index.js', 'a'], ['dist/chunks/x.js', 'b'], ['dist/old.js', 'c']]);
  expect(treeDifferences(committed, new Map(committed))).toStrictEqual([]);
  expect(treeDifferences(committed, new Map([['dist/index.js', 'a'], ['dist/chunks/x.js', 'B'], ['dist/new.js', 'd']])))
    .toStrictEqual(['dist/chunks/x.js: differs', 'dist/new.js: not committed', 'dist/old.js: not built']);
});
