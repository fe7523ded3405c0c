// What `bake --metadata-file` says of each target: its image digest and the build's ref, under the
// target's name (buildx's own keys, `buildx.build.warnings` among them, are not targets).
import { readFileSync } from 'node:fs';

export interface BakedTarget {
  digest?: string;
  ref?: string;
}

/** The metadata file's text, or undefined when there is none (a failed bake writes none). */
export function metadataText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function readBakeMetadata(text: string | undefined, targets: readonly string[]):
  Record<string, BakedTarget> {
  let raw: Record<string, Record<string, unknown> | undefined> = {};
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    if (parsed && typeof parsed === 'object') raw = parsed as typeof raw;
  } catch {
    // not JSON: no metadata
  }
  return Object.fromEntries(targets.map((t) => {
    const m = raw[t] ?? {};
    const digest = m['containerimage.digest'];
    const ref = m['buildx.build.ref'];
    return [t, { ...(typeof digest === 'string' ? { digest } : {}), ...(typeof ref === 'string' ? { ref } : {}) }];
  }));
}
