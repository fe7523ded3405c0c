// Reading one input: action.yml's default when the value is blank, trimmed text, and a one-line
// error that names the input and the value.
import { expect, test } from 'vitest';
import { InputReader } from '../../../src/inputs/reader.js';
import { ACTION_INPUTS } from '../../../src/inputs/action-inputs.js';
import { NAME, matches } from '../../../src/inputs/rules.js';

const reader = (values: Record<string, string>): InputReader => new InputReader((n) => values[n] ?? '');

test('a blank value (spaces and newlines too) is action.yml\'s default; others are kept as given', () => {
  expect(reader({ platforms: ' \n ' }).raw('platforms')).toBe(ACTION_INPUTS.platforms);
  expect(reader({}).raw('platforms')).toBe('linux/amd64,linux/arm64');
  expect(reader({ platforms: ' linux/arm64 ' }).raw('platforms')).toBe(' linux/arm64 ');
  expect(reader({ platforms: ' linux/arm64 ' }).text('platforms')).toBe('linux/arm64');
  expect(reader({}).raw('not-an-input')).toBe('');
});

test('optional values: undefined when blank, checked when given', () => {
  expect(reader({}).optional('target')).toBeUndefined();
  expect(reader({ target: ' build ' }).optional('target', matches(NAME, 'a stage name'))).toBe('build');
  expect(() => reader({ target: '-x' }).optional('target', matches(NAME, 'a stage name')))
    .toThrow(/^Input "target": "-x" is not a stage name$/);
});

test.each<[string, boolean | RegExp]>([
  ['', false], ['true', true], ['TRUE', true], ['false', false], ['False', false],
  ['yes', /^Input "no-cache": "yes" is not a boolean \(true or false\)$/],
])('flag %j -> %s', (value, want) => {
  const read = (): boolean => reader({ 'no-cache': value }).flag('no-cache');
  if (want instanceof RegExp) expect(read).toThrow(want);
  else expect(read()).toBe(want);
});

test.each<[string, number | undefined]>([
  ['1', 1], ['10', 10], ['5', 5], ['0', undefined], ['11', undefined], ['1x', undefined], ['x1', undefined],
  ['-1', undefined], ['1.5', undefined], ['', undefined],
])('integer %j in [1, 10] -> %s', (value, want) => {
  const read = (): number => reader({ n: value }).integer('n', 1, 10);
  if (want === undefined) expect(read).toThrow(`Input "n": "${value}" is not a whole number from 1 to 10`);
  else expect(read()).toBe(want);
});

test('optional integers and choices', () => {
  expect(reader({}).optionalInteger('n', 1, 10)).toBeUndefined();
  expect(reader({ n: '3' }).optionalInteger('n', 1, 10)).toBe(3);
  expect(reader({ mode: ' merge ' }).oneOf('mode', ['build', 'merge'])).toBe('merge');
  expect(() => reader({ mode: 'x' }).oneOf('mode', ['build', 'merge'])).toThrow(/^Input "mode": "x" is not one of build, merge$/);
});

test('lists: by lines, or by lines and commas; every item checked', () => {
  expect(reader({ tags: 'a:1, b:2\nc:3' }).list('tags')).toStrictEqual(['a:1', 'b:2', 'c:3']);
  expect(reader({ 'build-args': 'A=x,y\nB=2' }).lines('build-args')).toStrictEqual(['A=x,y', 'B=2']);
  expect(() => reader({ tags: 'ok, -bad' }).list('tags', matches(NAME, 'a name'))).toThrow(/^Input "tags": "-bad" is not a name$/);
});
