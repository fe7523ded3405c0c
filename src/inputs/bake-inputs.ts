// Inputs of a bake (`files`, `targets`, `set`, `source`, `workdir`, as docker/bake-action names
// them): the step bakes when any of `files`, `targets` or `source` is given. The definition itself
// is read by buildx (bake/), never parsed here.
import type { BakeInputs } from '../shared/inputs-types.js';
import { check1, type InputReader } from './reader.js';
import * as rule from './rules.js';

/** Bake target and group names, as buildx accepts them. */
const TARGET_NAME = /^[a-zA-Z0-9_-]+$/;
/** `TARGET.KEY=VALUE`: the target a name or a pattern (`*`, `app-*`), the key one or more dotted words. */
const SET_KEY = /^[\w*?[\]!-]+(\.[\w-]+)+$/;

export function parseBakeInputs(r: InputReader): BakeInputs | undefined {
  const source = r.optional('source', rule.matches(/^(https?:\/\/|git@|git:\/\/)\S+$/,
    'a Git or HTTP URL of a bake definition (local files: leave source empty, give files and workdir)'));
  const files = r.list('files');
  const targets = r.list('targets', rule.matches(TARGET_NAME, 'a bake target or group name'));
  const set = r.lines('set', rule.keyValue(SET_KEY, 'TARGET.KEY'));
  const workdir = r.text('workdir');
  if (!source && files.length === 0 && targets.length === 0) return undefined;
  check1('workdir', workdir, rule.pathExists('dir'));
  if (!source) {
    for (const f of files) check1('files', f, rule.pathExists('file', workdir.startsWith('/') ? workdir
      : `${process.cwd()}/${workdir}`));
  }
  return { files, targets, set, workdir, ...(source ? { source } : {}) };
}
