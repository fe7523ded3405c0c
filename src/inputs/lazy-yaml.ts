// The YAML parser, in its own chunk: only runs with `nodes` load it. A parser warning (an unknown
// tag such as `!foo`) is an error here, not a line on stderr and a value taken anyway.
import { parseDocument } from 'yaml';
import type { ParseYaml } from './node-specs.js';

export const parseYaml: ParseYaml = (text) => {
  const doc = parseDocument(text, { logLevel: 'silent' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw new Error(problem.message);
  return doc.toJS() as unknown;
};
