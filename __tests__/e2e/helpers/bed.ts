// Facts about the running test bed (scripts/test-bed.sh), and the fixture build contexts.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const REGISTRY = '127.0.0.1:5000';
/** A registry that wants the login ci / ci-password. */
export const AUTH_REGISTRY = '127.0.0.1:5001';
export const AUTH_LOGIN = 'ci:ci-password';
export const ROOTFS = join(ROOT, '__tests__/fixtures/rootfs');

let up: boolean | undefined;

/** What of the bed is missing, or undefined when every piece the e2e tests need answers. */
function bedProblem(): string | undefined {
  const ok = (cmd: string, args: string[]): boolean => {
    try {
      execFileSync(cmd, args, { stdio: 'pipe', timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  };
  if (!ok('docker', ['version', '--format', '{{.Server.Version}}'])) return 'no engine answers';
  if (!ok('curl', ['-fsS', `http://${REGISTRY}/v2/`])) return `no registry on ${REGISTRY}`;
  const missing = ['rootfs-amd64.tar', 'rootfs-arm64.tar'].filter((f) => !existsSync(join(ROOTFS, f)));
  if (missing.length > 0) return `the rootfs fixtures are missing (${missing.join(', ')})`;
  if (!existsSync('/var/lib/multiarch-bed/cosign-2.5.0/cosign')) return 'cosign is missing';
  if (!ok('curl', ['-fsS', '-o', '/dev/null', 'http://127.0.0.1:7111/healthz'])) return 'the bed\'s Sigstore is not up';
  return undefined;
}

/**
 * Whether the bed is up. A partial bed is as loud as none: the missing piece is printed, and
 * `MULTIARCH_E2E_REQUIRED=1` makes it a failure.
 */
export function bedIsUp(): boolean {
  if (up !== undefined) return up;
  const problem = bedProblem();
  up = problem === undefined;
  if (problem !== undefined) {
    const message = `END-TO-END TESTS SKIPPED: ${problem} (run scripts/test-bed.sh)`;
    if (process.env.MULTIARCH_E2E_REQUIRED === '1') throw new Error(`MULTIARCH_E2E_REQUIRED=1: ${message}`);
    console.error(`\n${'!'.repeat(78)}\n!! ${message}\n${'!'.repeat(78)}`);
  }
  return up;
}

/** A unique repository path (no registry), so tests never see each other's images. */
export function uniquePath(name: string): string {
  return `e2e-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}/${name}`;
}

/** A unique repository on the loopback registry. */
export function uniqueRepo(name: string, registry = REGISTRY): string {
  return `${registry}/${uniquePath(name)}`;
}

/** A build context holding both busybox rootfs tars and the given Dockerfile. */
export function makeContext(dockerfile: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mab-ctx-'));
  for (const arch of ['amd64', 'arm64']) {
    copyFileSync(join(ROOTFS, `rootfs-${arch}.tar`), join(dir, `rootfs-${arch}.tar`));
  }
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The fixture: busybox for the target arch and a RUN (under QEMU for arm64) that records uname. */
export const ARCH_DOCKERFILE = `FROM scratch
ARG TARGETARCH
ADD rootfs-\${TARGETARCH}.tar /
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /arch"]
`;

/** ARCH_DOCKERFILE with two Dockerfile checks that fire: FromAsCasing (line 1), SecretsUsedInArgOrEnv (3). */
export const CHECKED_DOCKERFILE = `FROM scratch as base
ARG TARGETARCH
ARG GITHUB_TOKEN
ADD rootfs-\${TARGETARCH}.tar /
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /arch"]
`;

export function dockerRun(image: string, platform: string, ...cmd: string[]): string {
  return execFileSync('docker', ['run', '--rm', '--pull', 'never', '--platform', platform, image, ...cmd], {
    encoding: 'utf8',
    timeout: 60_000,
  }).trim();
}

/** The bed's remote BuildKit nodes: engine A's and engine B's embedded BuildKit via bridges. */
export const ENGINE_A_NODE = 'tcp://127.0.0.1:7001';
export const ENGINE_B_NODE = 'tcp://127.0.0.1:7003';
export const ENGINE_B_SOCKET = 'unix:///var/run/docker2.sock';
/** Nothing listens there: a node that can never boot. */
export const DEAD_NODE = 'tcp://127.0.0.1:9';
export const OLD_BUILDX = '/var/lib/multiarch-bed/buildx-0.13.1/cli-plugins/docker-buildx';
/** cosign 2.5.0, Debian trixie's (scripts/test-bed.sh cosign). */
export const COSIGN = '/var/lib/multiarch-bed/cosign-2.5.0/cosign';

export function nodesYaml(nodes: { name: string; endpoint: string; platforms?: string }[]): string {
  return nodes.map((n) => `- name: ${n.name}\n  endpoint: "${n.endpoint}"` +
    (n.platforms ? `\n  platforms: ${n.platforms}` : '')).join('\n');
}

/** Builders the action made (multiarch-*) that buildx still knows under a docker config. */
export function buildersLeft(dockerConfig: string): string[] {
  const out = execFileSync('docker', ['buildx', 'ls', '--format', '{{.Name}}'],
    { encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: dockerConfig } });
  return out.split('\n').filter((n) => n.startsWith('multiarch-'));
}

/** How many builds engine B's BuildKit started since `since`: proves a node there did the work. */
export function engineBBuildsSince(since: Date): number {
  const out = execFileSync('docker', ['buildx', 'history', 'ls', '--format', 'json'],
    { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: ENGINE_B_SOCKET } });
  return out.split('\n').filter(Boolean)
    .filter((line) => new Date((JSON.parse(line) as { created_at: string }).created_at) >= since).length;
}

/** The bed's TLS registry, reached by name, and the CA that signed its certificate. */
export const TLS_REGISTRY = 'registry.test:5443';
export const TLS_CA = '/var/lib/multiarch-bed/tls/ca.pem';

/**
 * The bed's BuildKit image, compiled from Debian's sources (scripts/bed/buildkit-image.sh), tagged
 * with its recipe's hash as scripts/test-bed.sh tags it.
 */
export const BUILDKIT_IMAGE = `${REGISTRY}/bed/buildkit:v0.13.2-${createHash('sha256')
  .update(readFileSync(join(ROOT, 'scripts/bed/buildkit-image.sh'))).digest('hex').slice(0, 8)}`;

/** The containers and volumes a docker-container node leaves on an engine. */
export function nodeLeftovers(node: string, dockerHost?: string): string[] {
  const env = { ...process.env, ...(dockerHost ? { DOCKER_HOST: dockerHost } : {}) };
  const list = (args: string[]): string[] => execFileSync('docker', args, { encoding: 'utf8', env })
    .split('\n').filter(Boolean);
  const name = `buildx_buildkit_${node}`;
  return [...list(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}']),
    ...list(['volume', 'ls', '--filter', `name=${name}`, '--format', '{{.Name}}'])];
}

/** Pulls one platform of an image into engine A and runs a command in it. */
export function pullAndRun(image: string, platform: string, ...cmd: string[]): string {
  execFileSync('docker', ['pull', '--platform', platform, image], { stdio: 'pipe', timeout: 60_000 });
  return dockerRun(image, platform, ...cmd);
}
