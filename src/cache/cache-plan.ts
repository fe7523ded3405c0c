// Which build cache a build uses when nobody configured one (`cache: auto`), and its flags:
// - the Actions cache (BuildKit's type=gha) on a runner that has the cache service, when every
//   node's BuildKit speaks the service's protocol (v2 needs BuildKit 0.20);
// - else a registry cache next to the image, read by every build that names a repository and
//   written only by builds that push, never by a pull request from a fork;
// - else none.
// One scope per image and platform set: builds of other platforms never write what this one
// reads. A fan-out leg writes its own scope and also reads its siblings' (the platform-independent
// steps they share). Every export carries ignore-error=true: a cache that fails never fails a build.
// A BuildKit whose version cannot be read (`v0.0.0+unknown`, a distribution's build) is not taken
// to speak the cache service v2: given v2's settings, an older one fails the build.
import { createHash } from 'node:crypto';
import { normalizePlatform } from '../shared/platform.js';
import type { CacheInputs } from '../shared/inputs-types.js';

export type CacheKind = 'gha' | 'registry' | 'yours' | 'none';

export interface CachePlan {
  kind: CacheKind;
  /** `--cache-from` values the plan adds. */
  from: string[];
  /** `--cache-to` values the plan adds. */
  to: string[];
  /** What the cache is called where it lives: the gha scope, or the registry reference. */
  name?: string;
  /** Why this cache (or none), for the log and the summary. */
  why: string;
}

export interface CacheSituation {
  /** The runner's Actions cache service answers this job, and which protocol it speaks. */
  service?: 'v1' | 'v2';
  /** Every node's BuildKit speaks the cache service v2 (0.20 and later). */
  buildkitGhaV2: boolean;
  /** The image's repository (`registry/name`), when the build names one. */
  repository?: string;
  /** The build pushes its image. */
  pushes: boolean;
  /** A pull request from a fork. */
  fromFork: boolean;
  /** `cache-from`/`cache-to` were given. */
  explicit: boolean;
}

const platformsKey = (platforms: readonly string[]): string =>
  [...new Set(platforms.map((p) => normalizePlatform(p)))].sort().join(',').replace(/\//g, '-');

/** A name valid as a gha scope and in a tag ([A-Za-z0-9_.-]): the platforms, hashed when too long. */
export function scopeName(platforms: readonly string[]): string {
  const key = platformsKey(platforms);
  if (key.length <= 100) return key.replace(/,/g, '_');
  return `${key.slice(0, 80).replace(/,/g, '_')}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

const ghaScope = (repository: string | undefined, platforms: readonly string[]): string =>
  `${repository ?? 'build'}@${scopeName(platforms)}`;

export function planCache(cache: CacheInputs, platforms: readonly string[], s: CacheSituation): CachePlan {
  if (s.explicit) return { kind: 'yours', from: [], to: [], why: '`cache-from`/`cache-to` given: those, nothing added' };
  if (cache.mode === 'off') return { kind: 'none', from: [], to: [], why: '`cache: off`' };
  const ghaWhyNot = !s.service ? 'no Actions cache service here'
    : s.service === 'v2' && !s.buildkitGhaV2 ? "a node's BuildKit is older than 0.20, which the cache service v2 needs"
      : undefined;
  // A fan-out leg's siblings: one leg per platform.
  const own = new Set(platforms.map((p) => normalizePlatform(p)));
  const siblings = cache.fanOutPlatforms.filter((p) => !own.has(normalizePlatform(p))).map((p) => [p]);
  if (cache.mode !== 'registry' && !ghaWhyNot) {
    const scope = ghaScope(s.repository, platforms);
    return {
      kind: 'gha', name: scope, why: 'the Actions cache service of this runner',
      from: [scope, ...siblings.map((p) => ghaScope(s.repository, p))].map((s2) => `type=gha,scope=${s2}`),
      to: [`type=gha,scope=${scope},mode=max,ignore-error=true`],
    };
  }
  const noRegistry = !s.repository ? 'no image repository named (tags or image)' : undefined;
  if (cache.mode !== 'gha' && !noRegistry && s.repository) {
    const refFor = (p: readonly string[]): string => `${s.repository}:buildcache-${scopeName(p)}`; // <= 111 characters
    const ref = refFor(platforms);
    const writes = s.pushes && !s.fromFork;
    return {
      kind: 'registry', name: ref,
      why: `${ghaWhyNot ?? '`cache: registry`'}: a registry cache next to the image, ${writes ? 'read and written'
        : s.fromFork ? 'read only (a pull request from a fork never writes it)' : 'read only (the build does not push)'}`,
      from: [ref, ...siblings.map(refFor)].map((r) => `type=registry,ref=${r}`),
      to: writes ? [`type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`] : [],
    };
  }
  return { kind: 'none', from: [], to: [], why: [ghaWhyNot, noRegistry].filter(Boolean).join('; ') };
}
