// The YAML parser, bundled apart as dist/lazy-yaml.js: only runs with `nodes` load it.
import { parse } from 'yaml';
import type { ParseYaml } from './node-specs.js';

export const parseYaml: ParseYaml = (text) => parse(text) as unknown;
