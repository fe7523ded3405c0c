// BuildKit's Dockerfile checks (FromAsCasing, SecretsUsedInArgOrEnv, UndefinedVar, ...) as buildx
// writes them to the metadata file when BUILDX_METADATA_WARNINGS=true: base64 texts, the source's
// name and content, and its line range. A check is reported once per warning, however many
// platforms evaluated it, in the order of the file's lines.

export interface CheckWarning {
  /** The rule's description (`detail`): the annotation's title. */
  title: string;
  /** The short text (`short`) without its `(line N)`: the annotation's message. */
  message: string;
  /** The rule's page. */
  url?: string;
  /** The source's name as the frontend saw it (`Dockerfile`, `Dockerfile.prod`). */
  filename?: string;
  /** The source's content, base64, to tell whether a file on disk is the one checked. */
  source?: string;
  /** The first line of the range (GitHub shows one line per annotation). */
  line?: number;
}

interface RawWarning {
  short?: unknown;
  detail?: unknown;
  url?: unknown;
  sourceInfo?: { filename?: unknown; data?: unknown };
  range?: { start?: { line?: unknown } }[];
}

const text = (b64: unknown): string => (typeof b64 === 'string' ? Buffer.from(b64, 'base64').toString('utf8') : '');
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The check warnings in buildx's metadata (its JSON text), each once; none when it holds none. */
export function checkWarnings(metadata: string): CheckWarning[] {
  let json: unknown;
  try {
    json = JSON.parse(metadata);
  } catch {
    return [];
  }
  const raw = (json as Record<string, unknown> | null)?.['buildx.build.warnings'];
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const warnings: CheckWarning[] = [];
  for (const w of raw as RawWarning[]) {
    const short = text(w.short);
    if (!short) continue;
    const line = w.range?.[0]?.start?.line;
    const warning: CheckWarning = {
      title: Array.isArray(w.detail) ? w.detail.map(text).join(' ') : '',
      message: short.replace(/\s\(line \d+\)$/, ''),
    };
    const url = str(w.url);
    const filename = str(w.sourceInfo?.filename);
    const source = str(w.sourceInfo?.data);
    if (url) warning.url = url;
    if (filename) warning.filename = filename;
    if (source) warning.source = source;
    if (typeof line === 'number' && line > 0) warning.line = line;
    const key = JSON.stringify([filename, line, short]);
    if (seen.has(key)) continue;
    seen.add(key);
    warnings.push(warning);
  }
  // buildx lists them in the order the platforms' solves reported them: in line order, stably.
  return warnings.sort((a, b) => (a.filename ?? '').localeCompare(b.filename ?? '') || (a.line ?? 0) - (b.line ?? 0));
}
