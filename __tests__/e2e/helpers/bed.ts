// Facts about the running test bed (scripts/test-bed.sh), and the fixture build contexts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const REGISTRY = '127.0.0.1:5000';
/** A registry that wants the login ci / ci-password. */
export const AUTH_REGISTRY = '127.0.0.1:5001';
export const AUTH_LOGIN = 'ci:ci-password';
export const ROOTFS = join(ROOT, '__tests__/fixtures/rootfs');

let up: boolean | undefined;

/** Whether the engine and the registry answer; `MULTIARCH_E2E_REQUIRED=1` makes "no" a failure. */
export function bedIsUp(): boolean {
  if (up !== undefined) return up;
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 10_000 });
    execFileSync('curl', ['-fsS', `http://${REGISTRY}/v2/`], { stdio: 'pipe', timeout: 10_000 });
    up = existsSync(join(ROOTFS, 'rootfs-arm64.tar'));
  } catch {
    up = false;
  }
  if (!up && process.env.MULTIARCH_E2E_REQUIRED === '1') {
    throw new Error('MULTIARCH_E2E_REQUIRED=1 but the test bed is not up: run scripts/test-bed.sh');
  }
  return up;
}

/** A unique repository on the loopback registry, so tests never see each other's images. */
export function uniqueRepo(name: string, registry = REGISTRY): string {
  return `${registry}/e2e-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}/${name}`;
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
