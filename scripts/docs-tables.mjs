// The README's input, output and pinned-defaults tables, made from action.yml.
// `node scripts/docs-tables.mjs --write` rewrites them in README.md; a unit test fails when README.md
// and action.yml disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();

export function tables(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(([name, i]) =>
    `| \`${name}\` | ${i.default === undefined ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`);
  const outputs = Object.entries(action.outputs ?? {}).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
  const pinned = PINNED.map(([name, what, none]) => {
    const value = action.inputs?.[name]?.default;
    return `| ${what} | \`${name}\` | ${value === undefined ? none : `\`${cell(value)}\``} |`;
  });
  return {
    pinned: ['| what the action runs | input | default |', '| --- | --- | --- |', ...pinned].join('\n'),
    inputs: ['| input | default | description |', '| --- | --- | --- |', ...inputs].join('\n'),
    outputs: ['| output | description |', '| --- | --- |', ...outputs].join('\n'),
  };
}

/** Every input that pins what the action runs: [input, what it is, what an empty default means]. */
const PINNED = [
  ['buildkit-image', 'BuildKit, the image of `docker-container` nodes', ''],
  ['qemu-image', 'QEMU, the binfmt image that installs the emulators', ''],
  ['buildx-version', 'buildx', 'none: the runner\'s buildx'],
  ['cosign-version', 'cosign', 'none: the cosign on PATH'],
];

export function section(readme, name) {
  const m = new RegExp(`<!-- ${name}:start -->\\n?([\\s\\S]*?)\\n?<!-- ${name}:end -->`).exec(readme);
  return m?.[1];
}

if (process.argv.includes('--write')) {
  const t = tables(readFileSync('action.yml', 'utf8'));
  let readme = readFileSync('README.md', 'utf8');
  for (const name of ['pinned', 'inputs', 'outputs']) {
    readme = readme.replace(new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`),
      () => `<!-- ${name}:start -->\n${t[name]}\n<!-- ${name}:end -->`);
  }
  writeFileSync('README.md', readme);
}
