/** Lowercase letters and digits joined by '-': safe in builder names and cache keys. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
