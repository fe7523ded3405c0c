// buildx's --metadata-file: the source of the build's own results (not its progress output).
import { info } from '@actions/core';
import { readFileSync } from 'node:fs';

export interface BuildMetadata {
  raw: string;
  /** The pushed or exported top-level digest: the index for several platforms. */
  digest?: string;
  /** The image config digest; buildx writes it only for a single-manifest image. */
  configDigest?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The metadata in buildx's file; undefined when the file holds JSON that is not an object (`null`). */
export function parseMetadata(raw: string): BuildMetadata | undefined {
  const json: unknown = JSON.parse(raw);
  if (!isObject(json)) return undefined;
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
  if (raw.trim() === '') return { raw: '{}' };
  const meta = parseMetadata(raw);
  if (meta) return meta;
  info(`buildx's metadata file ${file} holds ${raw.trim().slice(0, 40)}, not an object: no build metadata read`);
  return { raw: '{}' };
}

/** docker's iidfile semantics: the config digest for one manifest, else the top-level digest. */
export function imageId(meta: BuildMetadata): string {
  return meta.configDigest ?? meta.digest ?? '';
}
