// buildx's --metadata-file: the source of the build's own results (not its progress output).
import { readFileSync } from 'node:fs';

export interface BuildMetadata {
  raw: string;
  /** The pushed or exported top-level digest: the index for several platforms. */
  digest?: string;
  /** The image config digest; buildx writes it only for a single-manifest image. */
  configDigest?: string;
}

export function parseMetadata(raw: string): BuildMetadata {
  const json = JSON.parse(raw) as Record<string, unknown>;
  const str = (key: string): string | undefined => {
    const v = json[key];
    return typeof v === 'string' ? v : undefined;
  };
  const meta: BuildMetadata = { raw };
  const digest = str('containerimage.digest');
  const configDigest = str('containerimage.config.digest');
  if (digest) meta.digest = digest;
  if (configDigest) meta.configDigest = configDigest;
  return meta;
}

export function readMetadata(file: string): BuildMetadata {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return { raw: '{}' }; // e.g. `call: check` writes none
  }
  return parseMetadata(raw.trim() === '' ? '{}' : raw);
}

/** docker's iidfile semantics: the config digest for one manifest, else the top-level digest. */
export function imageId(meta: BuildMetadata): string {
  return meta.configDigest ?? meta.digest ?? '';
}
