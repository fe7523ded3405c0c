// The names a build pushes, which the registry is asked about afterwards.
import { outputNames } from '../shared/csv-attributes.js';
import type { Inputs } from '../shared/inputs-types.js';
import { parseReference } from '../shared/reference.js';
import { pushesToRegistry } from './build-argv.js';

/** Names the build pushes: the tags, and `name=` of the outputs that push. */
export function pushedNames(tags: readonly string[], outputs: readonly string[]): string[] {
  return [...new Set([...tags, ...outputs.flatMap(outputNames)])];
}

/** Where the build pushes: a matrix leg's repositories (by digest), else the pushed names. */
function pushTargets(inputs: Inputs): string[] {
  return inputs.release.pushByDigest ? inputs.release.repositories : pushedNames(inputs.tags, inputs.outputs);
}

/** What to read back: a matrix leg's repositories at the pushed digest, else the pushed names. */
export function namesToReadBack(inputs: Inputs, digest: string): string[] {
  const targets = pushTargets(inputs);
  return inputs.release.pushByDigest ? targets.map((repo) => `${repo}@${digest}`) : targets;
}

/** The build as its messages name it: `buildx build`, and the registries it pushes to. */
export function buildDescription(inputs: Inputs): string {
  const names = pushesToRegistry(inputs) ? pushTargets(inputs) : [];
  const registries = [...new Set(names.map((n) => parseReference(n).registry))];
  return registries.length === 0 ? 'buildx build' : `buildx build, pushing to ${registries.join(', ')},`;
}
