// The Dockerfile checks of a build, shown where build-push-action users see them: a warning
// annotation on the Dockerfile's line for each, unless DOCKER_BUILD_CHECKS_ANNOTATIONS=false. The
// legs of a fan-out build the same Dockerfile: they hand their annotations to the merge step, which
// makes each once for the run.
import { info } from '@actions/core';
import type { Inputs, ReportSettings } from '../shared/inputs-types.js';
import { SHOWN_PER_STEP, type CheckAnnotation, type ChecksSeen } from '../shared/left-behind.js';
import { annotate, annotationsFor, dockerfileSite, uniqueAnnotations } from './annotations.js';
import { checkWarnings } from './check-warnings.js';

/** The checks' warnings in buildx's metadata as annotations, each placed where it can be. */
export function checkAnnotations(metadata: string, inputs: Inputs, env: NodeJS.ProcessEnv = process.env):
  CheckAnnotation[] {
  const warnings = checkWarnings(metadata);
  return warnings.length === 0 ? []
    : annotationsFor(warnings, dockerfileSite(inputs, env.GITHUB_WORKSPACE || process.cwd()));
}

/**
 * Annotates each once, or says who will (`annotatedBy`) or that they are turned off; undefined
 * when there are none.
 */
export function reportChecks(annotations: readonly CheckAnnotation[], settings: ReportSettings,
  annotatedBy?: string): ChecksSeen | undefined {
  const unique = uniqueAnnotations(annotations);
  const count = unique.length;
  if (count === 0) return undefined;
  if (!settings.checksAnnotations) {
    info(`Dockerfile checks: ${count} warning(s), not annotated (DOCKER_BUILD_CHECKS_ANNOTATIONS=false)`);
    return { count, annotated: false };
  }
  if (annotatedBy) {
    info(`Dockerfile checks: ${count} warning(s), annotated once for the run by ${annotatedBy}:`);
    for (const a of unique) info(`  ${a.file ?? ''}${a.startLine ? `:${a.startLine}` : ''} ${a.message.split('\n')[0] ?? ''}`);
    return { count, annotated: false, annotatedBy };
  }
  info(`Dockerfile checks: ${count} warning(s)${count > SHOWN_PER_STEP
    ? ` (GitHub shows ${SHOWN_PER_STEP} annotations per step; all are below)` : ''}`);
  annotate(unique);
  return { count, annotated: true };
}
