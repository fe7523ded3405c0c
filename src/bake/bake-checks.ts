// The Dockerfile checks of a bake: buildx's metadata holds every target's warnings together; each
// is placed on the Dockerfile of the target whose file it was read from (the file's content must
// match, as for one image), and annotated once however many targets and platforms met it.
import { join } from 'node:path';
import { annotationsFor, dockerfileSite } from '../checks/annotations.js';
import { checkWarnings } from '../checks/check-warnings.js';
import type { BakeInputs } from '../shared/inputs-types.js';
import type { CheckAnnotation } from '../shared/left-behind.js';
import type { BakeTarget } from './definition.js';

export function bakeCheckAnnotations(metadata: string | undefined, bake: BakeInputs,
  targets: readonly BakeTarget[], workspace: string): CheckAnnotation[] {
  if (metadata === undefined) return [];
  const warnings = checkWarnings(metadata);
  if (warnings.length === 0) return [];
  const sites = targets.map((t) => {
    const context = join(bake.workdir, t.context ?? '.');
    return dockerfileSite({ context, contextIsLocal: true, file: join(context, t.dockerfile ?? 'Dockerfile') }, workspace);
  });
  const placings = sites.map((site) => annotationsFor(warnings, site));
  // Each warning where some target's Dockerfile holds it, else without a place.
  return warnings.map((_w, i) => placings.map((p) => p[i]).find((a) => a?.file) ?? placings[0]?.[i])
    .filter((a): a is CheckAnnotation => a !== undefined);
}
