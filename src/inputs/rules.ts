// Checks for single input values. Each returns an error text (completing "Input X: "VALUE" ...")
// or undefined when the value is fine. Pure, so the validation table tests them directly.
import { existsSync, statSync } from 'node:fs';
import { isBooleanText } from '../shared/booleans.js';
import { csvFields } from '../shared/csv-attributes.js';
import { splitKeyValue, UnclosedQuoteError } from '../shared/lists.js';
import { referenceProblem } from '../shared/reference.js';

export type Rule = (value: string) => string | undefined;

export const boolean: Rule = (v) =>
  isBooleanText(v) ? undefined : 'is not a boolean (true or false)';

/** `KEY=VALUE` with a key matching `keyRe`; `bareKey` allows a lone KEY (build args from env). */
export function keyValue(keyRe: RegExp, what: string, bareKey = false): Rule {
  return (v) => {
    const kv = splitKeyValue(v);
    const key = kv ? kv[0] : bareKey ? v : undefined;
    if (key === undefined) return `is not of the form ${what}=VALUE`;
    if (!keyRe.test(key)) return `has an invalid ${what} "${key}"`;
    return undefined;
  };
}

export const matches = (re: RegExp, expected: string): Rule => (v) =>
  re.test(v) ? undefined : `is not ${expected}`;

/** A comma-separated attribute list as buildx takes it (`type=registry,ref=...`), read as CSV. */
export const csvAttributes = (requireType: boolean): Rule => (v) => {
  let fields: string[];
  try {
    fields = csvFields(v);
  } catch (error) {
    if (error instanceof UnclosedQuoteError) return error.message;
    throw error;
  }
  if (fields.some((f) => f === '')) return 'has an empty attribute';
  if (requireType && !fields.some((f) => /^type=[a-z0-9-]+$/.test(f))) {
    return 'has no type=... attribute';
  }
  return undefined;
};

export function pathExists(kind: 'file' | 'dir' | 'any', base = process.cwd()): Rule {
  return (v) => {
    const full = v.startsWith('/') ? v : `${base}/${v}`;
    if (!existsSync(full)) return 'does not exist';
    const st = statSync(full);
    if (kind === 'file' && !st.isFile()) return 'is not a file';
    if (kind === 'dir' && !st.isDirectory()) return 'is not a directory';
    return undefined;
  };
}

/** Remote contexts buildx fetches itself: Git and HTTP(S) URLs, or `-` for stdin. */
export function isRemoteContext(context: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context) || context === '-';
}

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
export const BUILD_ARG = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const LABEL_KEY = /^[^\s=]+$/;
/** A name buildx takes for a build stage, a builder or a node. */
export const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
/** A size as buildx reads it (go-units' RAMInBytes: `2g`, `2GiB`, `1.5 t`, `512`). */
export const SIZE = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
/** BuildKit's GC keep-storage (its DiskSpace): a size, or a percentage of the disk. */
export const KEEP_STORAGE = new RegExp(`${SIZE.source}|^\\d+%$`);
export const ULIMIT = /^[a-z]+=-?[0-9]+(:-?[0-9]+)?$/;
export const ADD_HOST = /^[A-Za-z0-9._-]+[:=]([0-9A-Fa-f.:[\]]+|host-gateway)$/;
export const ALLOW = /^(network\.host|security\.insecure|device(=.+)?)$/;
export const CALL = /^(build|check|outline|targets)(,[a-z]+=[^,]+)*$/;
export const SSH = /^[A-Za-z0-9_.-]+(=[^\s]+)?$/;

export const reference: Rule = referenceProblem;
