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

/** Every message that knows the way out says it the same way: "WHAT. Fix: HOW". */
export function withFix(message: string, fix: string | undefined): string {
  return fix ? `${message.replace(/[.\s]+$/, '')}. Fix: ${fix}` : message;
}
