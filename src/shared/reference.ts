// Image references, with the grammar of github.com/distribution/reference.
import { DOCKER_HUB, DOMAIN, HUB_API, LEGACY_HUB, isRegistryHost } from './registry-host.js';

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRe = new RegExp(
  `^((?:${DOMAIN}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`
);
export { DOCKER_HUB };

export interface ImageReference {
  /** Registry host as written (with port), docker.io when none was written. */
  registry: string;
  /** Repository path inside the registry (library/ added for official Hub images). */
  repository: string;
  tag?: string;
  digest?: string;
}

type Parsed = { ref: ImageReference; problem?: undefined } | { ref?: undefined; problem: string };

function read(text: string): Parsed {
  const m = referenceRe.exec(text);
  if (!m) {
    return { problem: referenceRe.test(text.toLowerCase()) ? 'must have a lowercase repository name'
      : 'is not a valid image reference ([REGISTRY/]NAME[:TAG])' };
  }
  const name = m[1] ?? '';
  if (name.length > 255) return { problem: 'has a repository name longer than 255 characters' };
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  // docker's rule: the first component names a registry when it has a dot or a port, is
  // `localhost`, or has an uppercase letter (which a repository cannot have); then it must be a
  // host name.
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' ||
    first !== first.toLowerCase());
  if (hasDomain && !isRegistryHost(first)) return { problem: 'is not a valid image reference ([REGISTRY/]NAME[:TAG])' };
  let registry = hasDomain ? first : DOCKER_HUB;
  let repository = hasDomain ? name.slice(slash + 1) : name;
  if (registry === LEGACY_HUB) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  const ref: ImageReference = { registry, repository };
  if (m[2] !== undefined) ref.tag = m[2];
  if (m[3] !== undefined) ref.digest = m[3];
  return { ref };
}

/** What is wrong with a reference (completing "REFERENCE ..."), or undefined for a valid one. */
export function referenceProblem(text: string): string | undefined {
  return read(text).problem;
}

/** Parses a reference; throws naming it when it is not a valid one. */
export function parseReference(text: string): ImageReference {
  const parsed = read(text);
  if (parsed.problem !== undefined) throw new Error(`${text} ${parsed.problem}`);
  return parsed.ref;
}

/** `registry/repository`, as buildx and the registry API name a repository. */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The host to speak the registry API to (Docker Hub's API is not on docker.io itself). */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? HUB_API : registry;
}

/** Loopback registries speak plain HTTP first, as the engine and buildx treat them. */
export function isLoopback(registry: string): boolean {
  const host = registry.replace(/:[0-9]+$/, '');
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}
