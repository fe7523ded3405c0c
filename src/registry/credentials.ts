// The runner's registry credentials, found as docker and buildx find them: the docker config's
// `auths`, `credHelpers` and `credsStore` (docker-credential-* helpers, run without a shell).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_HUB, hostOf, isDockerHub } from '../shared/registry-host.js';
import { dockerConfigDir } from '../runtime/docker-config.js';
import { runCommand } from '../runtime/run-command.js';

export interface Credentials {
  username?: string;
  password?: string;
  /** An OAuth refresh token (`identitytoken`), exchanged at the token endpoint. */
  identityToken?: string;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const HUB_KEY = 'https://index.docker.io/v1/';

export function readDockerConfig(env: NodeJS.ProcessEnv = process.env): DockerConfig {
  try {
    return JSON.parse(readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8')) as DockerConfig;
  } catch {
    return {};
  }
}

function sameRegistry(key: string, registry: string): boolean {
  const host = hostOf(key);
  return registry === DOCKER_HUB ? isDockerHub(host) : host === registry;
}

/** Credentials stored inline in `auths`. */
export function inlineCredentials(config: DockerConfig, registry: string): Credentials | undefined {
  const entry = Object.entries(config.auths ?? {}).find(([k]) => sameRegistry(k, registry))?.[1];
  if (!entry) return undefined;
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    if (at > 0) return { username: decoded.slice(0, at), password: decoded.slice(at + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

/** The helper docker would ask for this registry, if any. */
export function helperFor(config: DockerConfig, registry: string): string | undefined {
  const own = Object.entries(config.credHelpers ?? {}).find(([k]) => sameRegistry(k, registry));
  return own?.[1] ?? config.credsStore;
}

export async function credentialsFor(
  registry: string,
  config: DockerConfig = readDockerConfig(),
): Promise<Credentials | undefined> {
  const helper = helperFor(config, registry);
  if (helper) {
    const fromHelper = await askHelper(helper, registry === DOCKER_HUB ? HUB_KEY : registry);
    if (fromHelper) return fromHelper;
  }
  return inlineCredentials(config, registry);
}

async function askHelper(helper: string, server: string): Promise<Credentials | undefined> {
  try {
    const res = await runCommand(`docker-credential-${helper}`, ['get'], { input: server });
    if (res.exitCode !== 0) return undefined; // "credentials not found": anonymous, as docker does
    const parsed = JSON.parse(res.stdout) as { Username?: string; Secret?: string };
    if (!parsed.Secret) return undefined;
    return parsed.Username === '<token>'
      ? { identityToken: parsed.Secret }
      : { username: parsed.Username ?? '', password: parsed.Secret };
  } catch {
    return undefined;
  }
}
