// Check warnings as GitHub warning annotations, placed on the Dockerfile's line so the pull
// request's diff shows them, as build-push-action places them: the path relative to the workspace,
// for a local Dockerfile only when it is the file that was checked (same content), for the default
// Git context (this repository's commit) by its path in the repository. A warning that cannot be
// placed (a Dockerfile outside the workspace, another repository's) is still one annotation, on
// the step.
import { warning, type AnnotationProperties } from '@actions/core';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import { DEFAULT_CONTEXT } from '../shared/github-run.js';
import type { Inputs } from '../shared/inputs-types.js';
import type { CheckAnnotation } from '../shared/left-behind.js';
import type { CheckWarning } from './check-warnings.js';

/** Where the checked Dockerfile is in the workspace. */
export interface DockerfileSite {
  /** Relative to the workspace (the repository's root in a checkout). */
  path: string;
  /** Its content, base64; undefined for a Git context, whose file is not on disk. */
  content?: string;
}

export function dockerfileSite(inputs: Pick<Inputs, 'context' | 'contextIsLocal' | 'file'>,
  workspace: string, cwd = process.cwd()): DockerfileSite | undefined {
  if (inputs.context.startsWith(DEFAULT_CONTEXT)) {
    // `{{defaultContext}}:subdir`: buildx reads `file` inside the subdirectory of the commit.
    const subdir = inputs.context.slice(DEFAULT_CONTEXT.length).replace(/^:/, '');
    return { path: posix.normalize(posix.join(subdir || '.', inputs.file ?? 'Dockerfile')) };
  }
  if (!inputs.contextIsLocal) return undefined; // another repository or a URL
  const file = resolve(cwd, inputs.file ?? join(inputs.context, 'Dockerfile'));
  const path = relative(resolve(workspace), file);
  if (path.startsWith('..') || isAbsolute(path)) return undefined;
  try {
    return { path, content: readFileSync(file).toString('base64') };
  } catch {
    return undefined;
  }
}

export function annotationsFor(warnings: readonly CheckWarning[],
  site: DockerfileSite | undefined): CheckAnnotation[] {
  return warnings.map((w) => {
    const a: CheckAnnotation = { title: w.title, message: w.url ? `${w.message}\nMore info: ${w.url}` : w.message };
    const here = site && w.filename && site.path.endsWith(w.filename) &&
      (site.content === undefined || site.content === w.source);
    if (here) {
      a.file = site.path;
      if (w.line) a.startLine = w.line;
    }
    return a;
  });
}

/** Each annotation once: the legs of a fan-out report the same Dockerfile's checks. */
export function uniqueAnnotations(annotations: readonly CheckAnnotation[]): CheckAnnotation[] {
  const seen = new Set<string>();
  return annotations.filter((a) => {
    const key = JSON.stringify([a.file, a.startLine, a.title, a.message]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** One warning annotation each. */
export function annotate(annotations: readonly CheckAnnotation[]): void {
  for (const { message, ...where } of annotations) {
    const properties: AnnotationProperties = { title: where.title };
    if (where.file) properties.file = where.file;
    if (where.startLine) properties.startLine = where.startLine;
    warning(message, properties);
  }
}
