// The one form of the keys this action gives the Actions cache.

/** Every key this action gives the Actions cache: `multiarch-build-KIND-...`. */
export function cacheKey(kind: 'buildx' | 'cosign' | 'image' | 'digests', ...parts: string[]): string {
  return ['multiarch-build', kind, ...parts].join('-');
}
