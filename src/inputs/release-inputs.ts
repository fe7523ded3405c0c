// Inputs of matrix legs (push by digest) and of the merge step (`mode: merge`).
import { InputError } from '../shared/errors.js';
import type { InputReader } from './reader.js';
import * as rule from './rules.js';
import type { ReleaseInputs } from '../shared/inputs-types.js';
import { parseReference, referenceProblem, repositoryOf } from '../shared/reference.js';

/** `baking`: a bake's targets name their own repositories and tags. */
export function parseReleaseInputs(r: InputReader, tags: readonly string[], builder?: string, baking = false):
  ReleaseInputs {
  const mode = r.oneOf('mode', ['build', 'merge', 'plan'] as const);
  const pushByDigest = r.flag('push-by-digest');
  const image = r.optional('image', (v) => referenceProblem(v) ??
    (parseReference(v).tag || parseReference(v).digest ? 'names a tag or digest; give the repository only' : undefined));
  const sources = r.lines('sources', rule.reference);
  const fromTags = tags.map((t) => repositoryOf(parseReference(t)));
  const named = image ? [repositoryOf(parseReference(image))] : fromTags;
  const repositories = [...new Set(named)];
  if (pushByDigest && repositories.length === 0 && !baking) {
    throw new InputError('image', '', 'is empty, and so is tags: push-by-digest needs the repository to push to');
  }
  if (pushByDigest && builder === 'default') {
    throw new InputError('push-by-digest', 'true', 'does not work on builder "default" (the docker driver cannot ' +
      'push by digest): leave `builder` empty so the action creates one');
  }
  if (mode === 'merge' && tags.length === 0 && !baking) {
    throw new InputError('tags', '', 'is empty: mode merge needs the tags of the index to create');
  }
  if (mode === 'merge' && pushByDigest) {
    throw new InputError('push-by-digest', 'true', 'goes with the legs (mode build), not with mode merge');
  }
  return { mode, pushByDigest, repositories, sources };
}
