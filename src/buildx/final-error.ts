// The line that says why buildx failed, read from the end of its stderr.
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
