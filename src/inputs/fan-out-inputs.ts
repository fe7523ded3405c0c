// Inputs of `mode: plan`: which runner builds which platform (`runners`, YAML), over the hosted
// runners docker/github-builder maps by default, and whether platforms that share a runner are one leg.
import { errorMessage, InputError } from '../shared/errors.js';
import type { FanOutInputs, RunnerRule } from '../shared/inputs-types.js';
import { parsePlatform, formatPlatform } from '../shared/platform.js';
import type { ParseYaml } from './node-specs.js';
import type { InputReader } from './reader.js';

/** GitHub-hosted runners, as docker/github-builder maps them: arm on the arm runner, the rest on x64. */
export const HOSTED_RUNNERS: readonly RunnerRule[] = [
  { pattern: 'default', runner: 'ubuntu-24.04' },
  { pattern: 'linux/arm', runner: 'ubuntu-24.04-arm' },
  { pattern: 'linux/arm64', runner: 'ubuntu-24.04-arm' },
];

const LABEL = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A key: `default`, a platform (normalized), or a prefix of one (`linux/arm`, `linux/arm/*`). */
function patternOf(key: string): string {
  if (key === 'default') return key;
  const plain = key.replace(/\/\*$/, '');
  const p = parsePlatform(plain);
  // os/arch is a prefix too: `linux/arm` names arm/v6 and arm/v7 alike.
  return plain.split('/').length === 2 ? `${p.os}/${p.architecture}` : formatPlatform(p);
}

export function parseFanOutInputs(r: InputReader, parseYaml?: ParseYaml): FanOutInputs {
  const groupByRunner = r.flag('group-by-runner');
  const text = r.text('runners');
  if (text === '') return { runners: [...HOSTED_RUNNERS], groupByRunner };
  if (!parseYaml) throw new Error('runners given but no YAML parser loaded'); // a bug, not an input error
  const first = text.split('\n')[0] ?? '';
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new InputError('runners', first, `is not valid YAML: ${errorMessage(error).split('\n')[0]}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError('runners', first, 'must be a YAML mapping of platform (or prefix, or default) to runner');
  }
  const given: RunnerRule[] = Object.entries(doc as Record<string, unknown>).map(([key, value]) => {
    let pattern: string;
    try {
      pattern = patternOf(key.trim());
    } catch (error) {
      throw new InputError('runners', key, `is not a platform, a prefix of one, or default: ${errorMessage(error)}`);
    }
    const labels = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    if (labels.length === 0 || !labels.every((l) => typeof l === 'string' && LABEL.test(l))) {
      throw new InputError('runners', key, 'maps to no runs-on label (a label, or a list of labels)');
    }
    return { pattern, runner: typeof value === 'string' ? value : labels as string[] };
  });
  const patterns = new Set(given.map((g) => g.pattern));
  return { runners: [...HOSTED_RUNNERS.filter((h) => !patterns.has(h.pattern)), ...given], groupByRunner };
}
