// How the action's own registry reads trust a registry, as the builder does: the `registry-ca`
// input first, then docker's own /etc/docker/certs.d/HOST/*.crt; `insecure-registries` skip checks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Trust {
  ca: string[];
  insecure: boolean;
}

export type TrustFor = (registry: string) => Trust;

export function trustFrom(
  ca: Record<string, string>,
  insecure: readonly string[],
  certsDir = '/etc/docker/certs.d',
): TrustFor {
  const known = new Map<string, Trust>(); // read each registry's CA files once, not per request
  return (registry) => {
    let trust = known.get(registry);
    if (!trust) {
      const files = ca[registry] ? [ca[registry] as string] : dockerCerts(join(certsDir, registry));
      trust = { ca: files.map((f) => readFileSync(f, 'utf8')), insecure: insecure.includes(registry) };
      known.set(registry, trust);
    }
    return trust;
  };
}

function dockerCerts(dir: string): string[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.crt')).map((f) => join(dir, f));
  } catch {
    return [];
  }
}
