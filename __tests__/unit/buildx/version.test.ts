// buildx's version line as releases and builds from a commit print it (the commit build's line is
// the one docker's toolkit keeps in its tests; the others from the bed's buildx 0.29.1 and 0.13.1).
import { expect, test, vi } from 'vitest';
import { fixture } from '../../fixture.js';
import { buildxAtLeast, readBuildxVersion } from '../../../src/buildx/version.js';

const FROM_COMMIT = fixture('version/from-commit.txt').trim();

test.each([
  [fixture('version/v0.29-debian.txt').trim(), { kind: 'release', version: [0, 29] }],
  [fixture('version/v0.13-debian.txt').trim(), { kind: 'release', version: [0, 13] }],
  ['github.com/docker/buildx v0.4.2 fb7b670b764764dc4716df3eba07ffdae4cc47b2', { kind: 'release', version: [0, 4] }],
  [FROM_COMMIT, { kind: 'commit', commit: 'f117971' }],
  ['something else', { kind: 'unknown' }],
])('%s', (line, expected) => {
  expect(readBuildxVersion(line)).toStrictEqual(expected);
});

test('a build from a commit is current, and the debug log says so', () => {
  const printed: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  process.env.RUNNER_DEBUG = '1';
  try {
    expect(buildxAtLeast(FROM_COMMIT, 0, 29)).toBe(true);
  } finally {
    write.mockRestore();
    delete process.env.RUNNER_DEBUG;
  }
  expect(printed.join('')).toContain('::debug::buildx f117971 is a build from a commit, taken as current (>= 0.29)');
});

test.each([
  [fixture('version/v0.29-debian.txt').trim(), true],
  [fixture('version/v0.13-debian.txt').trim(), false],
  ['github.com/docker/buildx v1.0.0 abc', true],
  ['unreadable', false],
])('%s is at least 0.29: %s', (line, expected) => {
  expect(buildxAtLeast(line, 0, 29)).toBe(expected);
});
