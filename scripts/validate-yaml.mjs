// Lint for the YAML that GitHub reads: action.yml against a current schema kept in the repo (it
// knows node24), and every workflow with action-validator's workflow schema.
import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateWorkflow } from '@action-validator/core';

let failed = false;
const report = (file, errors) => {
  for (const e of errors) console.error(`${file}: ${e}`);
  failed ||= errors.length > 0;
};

const schema = JSON.parse(readFileSync('schemas/github-action.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
if (!validate(parse(readFileSync('action.yml', 'utf8')))) {
  report('action.yml', validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
}

const dir = '.github/workflows';
for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
  const state = validateWorkflow(readFileSync(`${dir}/${name}`, 'utf8'));
  report(`${dir}/${name}`, state.errors.map((e) => `${e.path ?? ''} ${e.title}${e.detail ? `: ${e.detail}` : ''}`));
}
if (failed) process.exit(1);
console.log('action.yml and workflows are valid');
