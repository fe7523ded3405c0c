// buildx's attribute lists (`--output`, `--cache-to`, `--cache-from`, `--attest`): comma-separated
// KEY=VALUE fields read as CSV, so a field in double quotes may hold commas
// (`type=image,"name=a,b",push=true`). One parser for validation, the build argv and the read-back.
import { quotedFields } from './lists.js';

/** The fields, empty ones kept (buildx refuses them), quotes removed. */
export function csvFields(value: string): string[] {
  return quotedFields(value, (ch) => ch === ',').map((f) => f.text.trim());
}

/** KEY -> VALUE of the fields that have a `=` (the last one wins, as in buildx). */
export function csvAttributes(value: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const f of csvFields(value)) {
    const at = f.indexOf('=');
    if (at > 0) attrs.set(f.slice(0, at).trim().toLowerCase(), f.slice(at + 1).trim());
  }
  return attrs;
}

/** Whether an `outputs` entry sends the image to a registry. */
export function outputPushes(output: string): boolean {
  const a = csvAttributes(output);
  return a.get('type') === 'registry' || (a.get('type') === 'image' && /^true$/i.test(a.get('push') ?? ''));
}

/** The image names an `outputs` entry pushes (`name=a,b`). */
export function outputNames(output: string): string[] {
  if (!outputPushes(output)) return [];
  return (csvAttributes(output).get('name') ?? '').split(',').map((n) => n.trim()).filter(Boolean);
}

/** One field as buildx's CSV reader reads it back: quoted when it holds a comma or a quote. */
export function csvField(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Fields written back as one attribute list: what `csvFields` reads, it reads back the same. */
export function csvJoin(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}
