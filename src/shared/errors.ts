/** A message for any thrown value, so the step never fails silently or with "[object Object]". */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** A bad input value: the message names the input and the value, on one line. */
export class InputError extends Error {
  constructor(input: string, value: string, why: string) {
    super(`Input "${input}": ${JSON.stringify(oneLine(value))} ${why}`);
    this.name = 'InputError';
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

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

/** Every message that knows the way out says it the same way: "WHAT. Fix: HOW". */
export function withFix(message: string, fix: string | undefined): string {
  return fix ? `${message.replace(/[.\s]+$/, '')}. Fix: ${fix}` : message;
}
