// How the action's own registry reads trust a registry, as the builder does: the `registry-ca`
// input first, then docker's own /etc/docker/certs.d/HOST/*.crt; `insecure-registries` skip checks.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
      const given = ca[registry];
      const files = given ? [given] : dockerCerts(join(certsDir, registry));
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

const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/**
 * The environment that makes a Go process (buildx, which merges a multi-node build's manifests
 * and runs `imagetools` on the runner) trust `registry-ca` too: SSL_CERT_FILE replaces Go's
 * system roots, so the bundle is the system's and the given CAs, written into the job's own
 * folder; the runner's global trust store is not touched.
 */
export function trustEnv(ca: Record<string, string>, dir: string): Record<string, string> {
  const files = Object.values(ca);
  if (files.length === 0) return {};
  const system = SYSTEM_BUNDLES.find((f) => existsSync(f));
  const bundle = join(dir, 'registry-ca-bundle.pem');
  const pems = [...(system ? [readFileSync(system, 'utf8')] : []), ...files.map((f) => readFileSync(f, 'utf8'))];
  writeFileSync(bundle, pems.map((p) => p.trim()).join('\n') + '\n');
  return { SSL_CERT_FILE: bundle };
}
