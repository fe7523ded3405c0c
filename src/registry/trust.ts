// Registry trust, built once per run from the registry inputs and handed to every stage that
// speaks to a registry: the action's own reads (the `registry-ca` input first, then docker's own
// /etc/docker/certs.d/HOST/*.crt; `insecure-registries` skip checks) and buildx on the runner (the
// SSL_CERT_FILE bundle). Each CA file is read once.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistrySettings } from '../shared/inputs-types.js';

export interface Trust {
  ca: string[];
  insecure: boolean;
}

export type TrustFor = (registry: string) => Trust;

/** The trust of one run: what the action's reads trust, and buildx's environment for the same. */
export interface RegistryTrust {
  trustFor: TrustFor;
  /** SSL_CERT_FILE for buildx (its manifest merge, `imagetools`), when `registry-ca` gives CAs. */
  env: Record<string, string>;
}

/** Reads the `registry-ca` files once; the bundle for buildx goes into the job's folder `dir`. */
export function registryTrust(settings: Pick<RegistrySettings, 'ca' | 'insecure'>, dir: string): RegistryTrust {
  const given = Object.fromEntries(Object.entries(settings.ca).map(([host, file]) => [host, readFileSync(file, 'utf8')]));
  return { trustFor: trustFrom(given, settings.insecure), env: bundleEnv(Object.values(given), dir) };
}

/** `ca`: host -> PEM text, already read. */
export function trustFrom(
  ca: Record<string, string>,
  insecure: readonly string[],
  certsDir = '/etc/docker/certs.d',
): TrustFor {
  const known = new Map<string, Trust>(); // read docker's CA files once per registry, not per request
  return (registry) => {
    let trust = known.get(registry);
    if (!trust) {
      const given = ca[registry];
      const pems = given !== undefined ? [given]
        : dockerCerts(join(certsDir, registry)).map((f) => readFileSync(f, 'utf8'));
      trust = { ca: pems, insecure: insecure.includes(registry) };
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
function bundleEnv(given: readonly string[], dir: string): Record<string, string> {
  if (given.length === 0) return {};
  const system = SYSTEM_BUNDLES.find((f) => existsSync(f));
  const bundle = join(dir, 'registry-ca-bundle.pem');
  const pems = [...(system ? [readFileSync(system, 'utf8')] : []), ...given];
  writeFileSync(bundle, pems.map((p) => p.trim()).join('\n') + '\n');
  return { SSL_CERT_FILE: bundle };
}
