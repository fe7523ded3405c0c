// List rules of docker/build-push-action: some inputs split on newlines only (a value may hold
// commas, e.g. a build arg "A=x,y"), others on newlines and commas. As there, a field in double
// quotes is read CSV-style: it may hold the separators, even newlines, and `""` is one quote.

/** A double quote that opens a field and is never closed: buildx refuses such a value. */
export class UnclosedQuoteError extends Error {
  constructor() {
    super('has a double quote that is never closed');
    this.name = 'UnclosedQuoteError';
  }
}

/** A field as written, and whether it opened with a double quote. */
export interface QuotedField {
  text: string;
  quoted: boolean;
}

/**
 * Splits at the separators outside double quotes, CSV-style: a field that opens with a quote
 * (after blanks) may hold separators and newlines, `""` in it is one quote; a CR outside quotes
 * is dropped; a quote never closed throws UnclosedQuoteError. The one reader of quoted fields, for
 * list inputs and buildx's attribute lists.
 */
export function quotedFields(raw: string, isSeparator: (ch: string) => boolean): QuotedField[] {
  const out: QuotedField[] = [];
  let field = '';
  let inQuotes = false;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (inQuotes) {
      if (ch === '"' && raw[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      inQuotes = true;
      quoted = true;
      field = '';
    } else if (isSeparator(ch)) {
      out.push({ text: field, quoted });
      field = '';
      quoted = false;
    } else if (ch !== '\r') field += ch;
  }
  if (inQuotes) throw new UnclosedQuoteError();
  out.push({ text: field, quoted });
  return out;
}

// Blank items and unquoted `#` comment lines are skipped; a quoted item is kept as written.
function split(raw: string, commas: boolean): string[] {
  return quotedFields(raw, (ch) => ch === '\n' || (commas && ch === ','))
    .map((f) => ({ ...f, text: f.quoted ? f.text : f.text.trim() }))
    .filter((f) => f.text !== '' && (f.quoted || !f.text.startsWith('#')))
    .map((f) => f.text);
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
