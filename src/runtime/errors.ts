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

/** buildx's last `ERROR:` line, or the last line it printed. */
export function finalError(stderrTail: readonly string[]): string {
  const errors = stderrTail.filter((l) => /^ERROR:/.test(l.trim()));
  return oneLine(errors.at(-1) ?? stderrTail.at(-1) ?? 'no output');
}
