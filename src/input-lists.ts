// List rules of docker/build-push-action: some inputs split on newlines only (a value may hold
// commas, e.g. a build arg "A=x,y"), others on newlines and commas.

/** Splits on newlines; trims; drops empty lines and YAML-style `#` comment lines. */
export function splitLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Splits on newlines and commas, keeping commas inside double quotes (CSV-style). */
export function splitLinesAndCommas(raw: string): string[] {
  const out: string[] = [];
  for (const line of splitLines(raw)) {
    let field = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(field.trim());
        field = '';
      } else field += ch;
    }
    out.push(field.trim());
  }
  return out.filter((v) => v !== '');
}

/** Splits `KEY=VALUE` at the first `=`; undefined when there is none or the key is empty. */
export function splitKeyValue(item: string): [string, string] | undefined {
  const at = item.indexOf('=');
  if (at <= 0) return undefined;
  return [item.slice(0, at).trim(), item.slice(at + 1)];
}
