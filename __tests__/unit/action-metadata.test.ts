// action.yml, the inputs the code reads and the README's tables must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseInputs } from '../../src/inputs/inputs.js';
import { OUTPUT_NAMES, outputValues } from '../../src/report/outputs.js';
// @ts-expect-error: a plain .mjs script without types
import { section, tables } from '../../scripts/docs-tables.mjs';

const root = join(import.meta.dirname, '../..');
const actionYml = readFileSync(join(root, 'action.yml'), 'utf8');
interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}
const action = parse(actionYml) as ActionYml;

describe('action.yml', () => {
  test('declares exactly the inputs the code reads', () => {
    const read = new Set<string>();
    parseInputs((name) => {
      read.add(name);
      return name === 'context' ? root : '';
    }, {});
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  test('declares exactly the outputs the code sets', () => {
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort());
    const merged = outputValues({ mode: 'merge', digest: 'sha256:x', digests: {}, platforms: [], tags: [] });
    expect(Object.keys(merged).sort()).toEqual(Object.keys(action.outputs).sort());
  });

  test('README tables match action.yml (node scripts/docs-tables.mjs --write)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const t = tables(actionYml) as { inputs: string; outputs: string };
    expect(section(readme, 'inputs')).toBe(t.inputs);
    expect(section(readme, 'outputs')).toBe(t.outputs);
  });
});
