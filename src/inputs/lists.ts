// List rules of docker/build-push-action: some inputs split on newlines only (a value may hold
// commas, e.g. a build arg "A=x,y"), others on newlines and commas. As there, a field in double
// quotes is read CSV-style: it may hold the separators, even newlines, and `""` is one quote.

function split(raw: string, commas: boolean): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const end = (): void => {
    const value = wasQuoted ? field : field.trim();
    if (value !== '' && !(!wasQuoted && value.startsWith('#'))) out.push(value);
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (quoted) {
      if (ch === '"' && raw[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (ch === '\n' || (commas && ch === ',')) end();
    else if (ch !== '\r') field += ch;
  }
  end();
  return out;
}

/** Items one per line; commas stay inside values. */
export function splitLines(raw: string): string[] {
  return split(raw, false);
}

/** Items separated by newlines or commas. */
export function splitLinesAndCommas(raw: string): string[] {
  return split(raw, true);
}

/** `KEY=VALUE` of an item a rule already checked. */
export function keyAndValue(item: string): [string, string] {
  return splitKeyValue(item) ?? [item, ''];
}

/** Splits `KEY=VALUE` at the first `=`; undefined when there is none or the key is empty. */
export function splitKeyValue(item: string): [string, string] | undefined {
  const at = item.indexOf('=');
  if (at <= 0) return undefined;
  return [item.slice(0, at).trim(), item.slice(at + 1)];
}
