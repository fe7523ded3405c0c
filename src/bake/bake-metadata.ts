// What `bake --metadata-file` says of each target: its image digest and the build's ref, under the
// target's name (buildx's own keys, `buildx.build.warnings` among them, are not targets).
import { readFileSync } from 'node:fs';

export interface BakedTarget {
  digest?: string;
  ref?: string;
}

export function readBakeMetadata(file: string, targets: readonly string[]): Record<string, BakedTarget> {
  let raw: Record<string, Record<string, unknown> | undefined> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object') raw = parsed as typeof raw;
  } catch {
    // no metadata: a failed bake writes none
  }
  return Object.fromEntries(targets.map((t) => {
    const m = raw[t] ?? {};
    const digest = m['containerimage.digest'];
    const ref = m['buildx.build.ref'];
    return [t, { ...(typeof digest === 'string' ? { digest } : {}), ...(typeof ref === 'string' ? { ref } : {}) }];
  }));
}
