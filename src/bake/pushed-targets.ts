// Which targets of a bake reached the registry, from buildx's progress (`pushing manifest for
// NAME@DIGEST ... done`, NAME one of the target's tags), and which one failed (buildx's final
// `target NAME: ...`): when a target fails, bake cancels the others still building, and the
// step's error line says what each of them left in the registry.
import type { AttemptWatch } from '../buildx/attempt-watch.js';
import { readProgressLine } from '../buildx/progress-line.js';

/** A push BuildKit finished, as a step of its own names it (progress-line.ts reads the line). */
const PUSHED = /^pushing manifest for (\S+)@(sha256:[0-9a-f]{64})\b.*\bdone$/;

export class PushedTargets {
  /** Target -> tag -> digest, of the attempt being watched. */
  private pushed = new Map<string, Map<string, string>>();
  private readonly byTag = new Map<string, string>();

  constructor(private readonly tags: Record<string, readonly string[]>) {
    for (const [target, list] of Object.entries(tags)) for (const tag of list) this.byTag.set(tag, target);
  }

  /** A watch for each attempt: what an attempt pushed is what that attempt saw. */
  readonly watch = (): AttemptWatch => {
    this.pushed = new Map();
    return {
      line: (text: string): void => {
        const line = readProgressLine(text);
        const m = line?.kind === 'vertex' ? PUSHED.exec(line.name) : null;
        const target = m ? this.byTag.get(m[1] ?? '') : undefined;
        if (!m || !target) return;
        const tags = this.pushed.get(target) ?? new Map<string, string>();
        tags.set(m[1] ?? '', m[2] ?? '');
        this.pushed.set(target, tags);
      },
      explain: () => Promise.resolve(undefined),
      end: () => undefined,
    };
  };

  /** The bake's error line, with what each other target left: pushed (every tag), or nothing. */
  failureLine(message: string): string {
    const failed = /\btarget ([\w-]+):/.exec(message)?.[1];
    const others = Object.keys(this.tags).filter((t) => t !== failed).map((t) => {
      const tags = this.pushed.get(t);
      const all = (this.tags[t] ?? []).length > 0 && (this.tags[t] ?? []).every((tag) => tags?.has(tag));
      return all ? `${t} pushed (${[...(tags?.values() ?? [])][0] ?? ''})` : `${t} not pushed`;
    });
    const said = `${failed ? `; target ${failed} failed, none of its tags written` : ''}` +
      `${others.length > 0 ? `; the other targets: ${others.join(', ')}` : ''}`;
    const fix = message.indexOf('. Fix: ');
    return fix < 0 ? `${message}${said}` : `${message.slice(0, fix)}${said}${message.slice(fix)}`;
  }
}
