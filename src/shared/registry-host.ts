// Registry hosts, one grammar for every input and reader that names one: the domain part of an
// image reference (github.com/distribution/reference): DNS labels or an IPv6 literal in brackets,
// with an optional port. `[::1]:5000` is a host; `-x` and `.x` are not.

const domainLabel = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainLabel}(?:\\.${domainLabel})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
/** The host[:port] pattern, unanchored, for the reference grammar to embed. */
export const DOMAIN = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
export const REGISTRY_HOST = new RegExp(`^${DOMAIN}$`);

export const isRegistryHost = (text: string): boolean => REGISTRY_HOST.test(text);

/** The names Docker Hub goes by: in references, in docker's config keys, and its API host. */
export const DOCKER_HUB = 'docker.io';
/** The one alias a reference is normalized from, as docker does (`index.docker.io/x` is `docker.io/x`). */
export const LEGACY_HUB = 'index.docker.io';
/** Docker Hub's API host. */
export const HUB_API = 'registry-1.docker.io';
const HUB_ALIASES = new Set([DOCKER_HUB, LEGACY_HUB, HUB_API]);
export const isDockerHub = (host: string): boolean => HUB_ALIASES.has(host);

/**
 * The host[:port] a URL or a bare `host/path` names: `https://host:5000/v1/`, `http://host`,
 * `host/path` and `host` all name their host, as docker matches config keys and mirrors.
 */
export function hostOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '');
}
