// A registry's 401 on a push, read right: buildx names the request (`unexpected status from HEAD
// request to URL: 401 Unauthorized`) but not whom the registry refused. Asked of the registry with
// the runner's logins: the login (log in), or a token its token service issued for that login
// (expired or too narrow: BuildKit already fetched a fresh one before it gave up).
import type { RegistryClient } from './client.js';
import { requestThatMet } from './retry-after.js';

/** The registry and repository of the request buildx says met a 401. */
export function unauthorizedRequest(errorText: string): { registry: string; repository: string } | undefined {
  const url = requestThatMet(errorText, 401);
  const m = url ? /^https?:\/\/([^/]+)\/v2\/(.+?)\/(?:blobs|manifests)\//.exec(url) : undefined;
  return m ? { registry: m[1] ?? '', repository: m[2] ?? '' } : undefined;
}

export type Refused = 'login' | 'token';

export async function askRefused(errorText: string, client: RegistryClient): Promise<Refused | undefined> {
  const request = unauthorizedRequest(errorText);
  return request ? client.refused(request.registry, request.repository).catch(() => undefined) : undefined;
}
