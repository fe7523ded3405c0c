// buildx's attribute lists read as CSV (its own reader is Go's encoding/csv).
import { expect, test } from 'vitest';
import { csvAttributes, csvFields, outputNames, outputPushes } from '../../../src/shared/csv-attributes.js';

test.each<[string, string[]]>([
  ['type=registry,ref=r/a:cache', ['type=registry', 'ref=r/a:cache']],
  ['type=image,"name=a,b",push=true', ['type=image', 'name=a,b', 'push=true']],
  [' type=local , dest=out ', ['type=local', 'dest=out']],
  ['"a ""quoted"" word",b', ['a "quoted" word', 'b']],
  ['  "x,y"', ['x,y']],
  ['k="v"', ['k="v"']],
  ['a,,b,', ['a', '', 'b', '']],
  ['', ['']],
])('fields of %j', (value, want) => {
  expect(csvFields(value)).toStrictEqual(want);
});

test('attributes: keys lower-cased and trimmed, the last wins, fields without a key ignored', () => {
  expect([...csvAttributes('Type = image, name=a ,=x,bare,name=b, push=TRUE')]).toStrictEqual([
    ['type', 'image'], ['name', 'b'], ['push', 'TRUE']]);
});

test.each<[string, boolean, string[]]>([
  ['type=registry', true, []],
  ['type=registry,name=r.test/a:1', true, ['r.test/a:1']],
  ['type=image,"name=r.test/a:1, r.test/a:2 ,",push=true', true, ['r.test/a:1', 'r.test/a:2']],
  ['type=image,name=r.test/a:1,push=True', true, ['r.test/a:1']],
  ['type=image,name=r.test/a:1', false, []],
  ['type=image,name=r.test/a:1,push=false', false, []],
  ['type=image,name=r.test/a:1,push=truex', false, []],
  ['type=image,name=r.test/a:1,push=xtrue', false, []],
  ['type=docker,name=a:1,push=true', false, []],
  ['type=local,dest=out', false, []],
])('%s pushes: %s, names %j', (output, pushes, names) => {
  expect(outputPushes(output)).toBe(pushes);
  expect(outputNames(output)).toStrictEqual(names);
});
