// action.yml's inputs and their defaults, the one source of both: put into the bundle (and the
// unit tests) at build time as a string constant. A default the runner evaluates (`${{ ... }}`)
// means nothing outside a runner, so it is '' here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const file = fileURLToPath(new URL('../action.yml', import.meta.url));

export function inputDefaults() {
  const { inputs } = parse(readFileSync(file, 'utf8'));
  return Object.fromEntries(Object.entries(inputs).map(([name, spec]) => {
    const value = spec.default === undefined ? '' : String(spec.default);
    return [name, value.includes('${{') ? '' : value];
  }));
}

/** The `define` that makes `__ACTION_INPUTS__` the JSON text of the defaults. */
export function actionInputsDefine() {
  return { __ACTION_INPUTS__: JSON.stringify(JSON.stringify(inputDefaults())) };
}
