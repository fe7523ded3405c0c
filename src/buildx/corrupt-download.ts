// A download that arrived corrupted, read from BuildKit's words: the content store's commit of a
// fetched blob (`failed commit on ref "layer-sha256:X": unexpected commit digest sha256:Y, expected
// sha256:X: failed precondition`) or an HTTP source's checksum (`digest mismatch`); and which image
// it belonged to, from the error (`failed to resolve source metadata for REF`) or from the base
// images the build's progress named.
import type { AttemptWatch, Explained } from './attempt-watch.js';
import { classify } from './failures.js';
import { readProgressLine } from './progress-line.js';

export interface CorruptDownload {
  /** What the blob is: `layer`, `config`, `manifest`, `index`, or `file` for an HTTP source. */
  what: string;
  expected: string;
  got: string;
  /** The image the text names, when it names one. */
  image?: string;
}

const DIGEST = 'sha256:[0-9a-f]{64}';
const COMMIT = new RegExp(`failed commit on ref "(layer|config|manifest|index)-${DIGEST}": (?:commit failed: )?` +
  `unexpected commit digest (${DIGEST}), expected (${DIGEST})`);
const MISMATCH = new RegExp(`digest mismatch (${DIGEST}): (${DIGEST})`);
const SOURCE = /failed to resolve source metadata for (\S+): /;

export function corruptDownloadIn(text: string): CorruptDownload | undefined {
  const image = SOURCE.exec(text)?.[1];
  const named = image ? { image } : {};
  let m = COMMIT.exec(text);
  if (m) return { what: m[1] ?? 'blob', got: m[2] ?? '', expected: m[3] ?? '', ...named };
  m = MISMATCH.exec(text);
  return m ? { what: 'file', got: m[1] ?? '', expected: m[2] ?? '', ...named } : undefined;
}

/** The content store's ref of a corrupted blob download (`layer-sha256:...`), as BuildKit names it. */
export function ingestRef(text: string): string | undefined {
  const d = corruptDownloadIn(text);
  return d && d.what !== 'file' ? `${d.what}-${d.expected}` : undefined;
}

/** The attempt's line: what arrived corrupted, of which image, and what its bytes were. */
export function describeCorruptDownload(d: CorruptDownload, bases: readonly string[]): string {
  const of = d.image ?? (bases.length === 1 ? bases[0] : bases.length > 1 ? `one of ${bases.join(', ')}` : undefined);
  return `a download arrived corrupted: ${d.what} ${d.expected}${of ? ` of ${of}` : ''} ` +
    `(its bytes hashed to ${d.got})`;
}

/** Collects the build's base images from its progress; names the corrupt download of a failure. */
export class DownloadWatch implements AttemptWatch {
  private readonly bases = new Set<string>();

  line(text: string): void {
    const seen = readProgressLine(text);
    if (seen?.kind !== 'header') return;
    const from = /^FROM (\S+)/.exec(seen.command)?.[1] ?? /^load metadata for (\S+)/.exec(seen.command)?.[1];
    if (from) this.bases.add(from.replace(/@sha256:[0-9a-f]{64}$/, ''));
  }

  async explain({ errorText }: { stopped: boolean; errorText: string }): Promise<Explained | undefined> {
    const verdict = classify(errorText);
    const corrupt = verdict.id === 'corrupt-download' ? corruptDownloadIn(errorText) : undefined;
    return corrupt ? { verdict, line: describeCorruptDownload(corrupt, [...this.bases]) } : undefined;
  }

  end(): void {}
}
