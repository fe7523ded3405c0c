// Why buildx failed, read from the end of its stderr: its final error, not its progress lines
// (a `#9 3.502 retrying in 4s` or a passing DNS hiccup above the error says nothing about it).
import { oneLine } from '../shared/errors.js';

/**
 * buildx's last `ERROR:` line; else the last error of its progress output (`#3 ERROR: ...`);
 * else its last line that is not a progress separator.
 */
export function finalError(stderrTail: readonly string[]): string {
  const lines = stderrTail.map((l) => l.trim());
  const error = lines.filter((l) => l.startsWith('ERROR:')).at(-1) ??
    lines.map((l) => /^#\d+ (ERROR: .*)$/.exec(l)?.[1]).filter((l) => l !== undefined).at(-1) ??
    lines.filter((l) => l !== '' && !/^-+$|^> /.test(l)).at(-1);
  return oneLine(error ?? 'no output');
}

/**
 * The text a failure is classified on: from buildx's last top-level `ERROR:` line to the end;
 * without one, the line `finalError` reads.
 */
export function finalErrorText(stderrTail: readonly string[]): string {
  const lines = stderrTail.map((l) => l.trim());
  const at = lines.findLastIndex((l) => l.startsWith('ERROR:'));
  return at >= 0 ? lines.slice(at).filter((l) => l !== '').join('\n') : finalError(stderrTail);
}
