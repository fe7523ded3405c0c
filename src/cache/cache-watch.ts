// What the build cache did in a build, read from BuildKit's progress: its import and export steps
// (`importing cache manifest from …`, `exporting to GitHub Actions Cache`, `exporting cache to …`)
// and how each ended, and how many of the build's steps came from the cache. An export that failed
// a build (a `cache-to` without ignore-error) is named as such, and never retried: the next attempt
// would fail the same way.
import type { AttemptWatch, Explained } from '../buildx/attempt-watch.js';
import { readProgressLine } from '../buildx/progress-line.js';

export interface CacheStep {
  name: string;
  /** BuildKit's error, when the step failed (the build goes on with ignore-error). */
  error?: string;
}

export interface CacheSeen {
  imports: CacheStep[];
  exports: CacheStep[];
  /** The build's own steps (Dockerfile instructions), and those answered from the cache. */
  steps: number;
  cached: number;
}

const IMPORT = /^importing cache manifest from /;
const EXPORT = /^exporting (?:to GitHub Actions Cache|cache\b)/;

/** Watches every attempt; `seen` is the last attempt's. */
export class CacheWatch {
  seen: CacheSeen = { imports: [], exports: [], steps: 0, cached: 0 };

  readonly watch = (): AttemptWatch => {
    const seen: CacheSeen = { imports: [], exports: [], steps: 0, cached: 0 };
    this.seen = seen;
    const cacheSteps = new Map<string, CacheStep>();
    const buildSteps = new Set<string>();
    let otherError = false;
    return {
      line: (text: string): void => {
        const p = readProgressLine(text);
        if (!p) return;
        if (p.kind === 'header' && !p.stage.startsWith('internal') && !buildSteps.has(p.step)) {
          buildSteps.add(p.step);
          seen.steps++;
        } else if (p.kind === 'cached' && buildSteps.has(p.step)) {
          seen.cached++;
        } else if (p.kind === 'vertex' && !cacheSteps.has(p.step)) {
          const list = IMPORT.test(p.name) ? seen.imports : EXPORT.test(p.name) ? seen.exports : undefined;
          if (!list) return;
          const step: CacheStep = { name: p.name };
          cacheSteps.set(p.step, step);
          list.push(step);
        } else if (p.kind === 'error') {
          const step = cacheSteps.get(p.step);
          if (step) step.error ??= p.message;
          else otherError = true;
        }
      },
      explain: async (): Promise<Explained | undefined> => {
        const failed = seen.exports.find((e) => e.error);
        if (!failed || otherError) return undefined; // the build itself failed
        return {
          verdict: {
            transient: false,
            reason: `exporting the build cache failed (${failed.error ?? ''})`,
            fix: 'the image was built: add ignore-error=true to `cache-to` (or drop `cache-to` and let `cache: auto` ' +
              'choose a cache, which never fails a build)',
          },
          line: `${failed.name}: ${failed.error ?? ''}`,
        };
      },
      end: (): void => {},
    };
  };
}
