import { describe, expect, test } from 'vitest';
import { keyAndValue, splitKeyValue, splitLines, splitLinesAndCommas } from '../../../src/shared/lists.js';

describe('list rules of build-push-action', () => {
  test.each([
    ['A=x,y\nB=2', ['A=x,y', 'B=2']],
    ['  A=1  \n\n  # comment\nB=2\r\n', ['A=1', 'B=2']],
    ['"KEY=line1\nline2"\nB=2', ['KEY=line1\nline2', 'B=2']],
    ['"say ""hi"""', ['say "hi"']],
    ['', []],
  ])('newlines only: %j', (raw, want) => {
    expect(splitLines(raw)).toEqual(want);
  });

  test.each([
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    ['a:1, b:2\nc:3,', ['a:1', 'b:2', 'c:3']],
    ['"x,y",z', ['x,y', 'z']],
  ])('newlines and commas: %j', (raw, want) => {
    expect(splitLinesAndCommas(raw)).toEqual(want);
  });

  test.each([
    ['A=b=c', ['A', 'b=c']],
    ['A=', ['A', '']],
    ['=x', undefined],
    ['noeq', undefined],
  ])('key=value %j', (item, want) => {
    expect(splitKeyValue(item)).toEqual(want);
  });
});

describe('list corners', () => {
  test.each<[string, string[]]>([
    ['  "a,b", c', ['a,b', 'c']],
    ['"#kept",# dropped\n  # dropped too', ['#kept']],
    ['a\r\nb\r\n', ['a', 'b']],
    ['"a"\r\n"b"\r\n', ['a', 'b']],
    ['"x""y"', ['x"y']],
  ])('%j by lines and commas', (raw, want) => {
    expect(splitLinesAndCommas(raw)).toStrictEqual(want);
  });

  test('KEY=VALUE: the key trimmed, the value as given; no key, no pair', () => {
    expect(splitKeyValue('A =1 ')).toStrictEqual(['A', '1 ']);
    expect(splitKeyValue('=1')).toBeUndefined();
    expect(splitKeyValue('A')).toBeUndefined();
    expect(keyAndValue('A=b=c')).toStrictEqual(['A', 'b=c']);
    expect(keyAndValue('BARE')).toStrictEqual(['BARE', '']);
  });
});
