// The action's default path: `builder` empty, a builder of docker-container nodes running a real
// BuildKit (the bed's image, compiled from Debian's sources). Results are checked against the
// registry, the engines and the images themselves.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import {
  ARCH_DOCKERFILE, BUILDKIT_IMAGE, ENGINE_B_SOCKET, OLD_BUILDX, REGISTRY, TLS_CA, TLS_REGISTRY, bedIsUp,
  buildersLeft, makeContext, nodeLeftovers, pullAndRun, uniqueRepo,
} from './helpers/bed.js';
import { startCacheService } from './helpers/cache-service.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { startGitServer } from './helpers/git-server.js';
import { errorLine } from './helpers/log.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

const ok = (run: ActionRun): void => {
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  expect(run.post?.exitCode).toBe(0);
};
const builds = (run: ActionRun): string[][] => run.buildxCalls.filter((c) => c[0] === 'build');
/** The Builder group's line for a node, as the action logs it. */
const nodeLine = (run: ActionRun, node: string): string =>
  run.stdout.split('\n').find((l) => l.startsWith(`node ${node} (`)) ?? '';

describe.skipIf(!bedIsUp())('docker-container nodes, the default driver', () => {
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  test('the default path: one local node, two platforms pushed and read back, the node removed after', async () => {
    const tag = `${uniqueRepo('default-path')}:1`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', 'buildkit-image': BUILDKIT_IMAGE,
      'cache-keep-storage': '1500mb',
    });
    ok(run);
    const index = await served(tag);
    expect(run.outputs.digest).toBe(index.digest);
    expect(JSON.parse(run.outputs.digests ?? '')).toEqual(servedPlatforms(index));
    expect(Object.keys(servedPlatforms(index)).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(pullAndRun(tag, 'linux/arm64', '/bin/busybox', 'cat', '/arch')).toBe('aarch64');
    // What a user checks with `buildx inspect`, in the log: host network granted, the GC limit.
    const node = `${run.outputs.builder}0`;
    expect(nodeLine(run, node)).toMatch(/: running, BuildKit v0\.13\.2, driver options .*network="host"/);
    expect(nodeLine(run, node)).toContain('daemon flags --allow-insecure-entitlement network.host');
    expect(nodeLine(run, node)).toContain('GC keeps 1.465GiB'); // cache-keep-storage 1500mb
    expect(nodeLeftovers(node)).toEqual([]);
    expect(buildersLeft(run.env.DOCKER_CONFIG ?? '')).toEqual([]);
  });

  // Host network proven by its effect: a RUN reaches a service that listens only on the host's
  // loopback and carries its random token into the image, on both platforms.
  describe('host network', () => {
    async function hostOnlyService(token: string): Promise<number> {
      const server: Server = createServer((_req, res) => res.end(token));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      stops.push(() => server.close());
      return (server.address() as AddressInfo).port;
    }
    const dockerfile = `${ARCH_DOCKERFILE}ARG PORT
RUN ["/bin/busybox", "sh", "-c", "printf 'GET /token HTTP/1.0\\r\\n\\r\\n' | /bin/busybox nc -w 5 127.0.0.1 $PORT > /reply"]
`;

    test('granted: a RUN on each platform reaches a host-only service', async () => {
      const token = randomBytes(8).toString('hex');
      const port = await hostOnlyService(token);
      const tag = `${uniqueRepo('hostnet')}:1`;
      const run = await runAction({
        context: makeContext(dockerfile), tags: tag, push: 'true', 'buildkit-image': BUILDKIT_IMAGE,
        'build-args': `PORT=${port}`,
      });
      ok(run);
      // busybox's wget would need glibc's NSS for the `http` service, which a static binary in a
      // scratch image lacks: nc speaks the request itself.
      expect(pullAndRun(tag, 'linux/amd64', '/bin/busybox', 'cat', '/reply')).toMatch(new RegExp(`\\n${token}$`));
      expect(pullAndRun(tag, 'linux/arm64', '/bin/busybox', 'cat', '/reply')).toMatch(new RegExp(`\\n${token}$`));
    });

    test('host-network false: the same RUN cannot reach it, and the action grants nothing', async () => {
      const port = await hostOnlyService('unreachable');
      const run = await runAction({
        context: makeContext(dockerfile), 'buildkit-image': BUILDKIT_IMAGE, 'build-args': `PORT=${port}`,
        'host-network': 'false', platforms: 'linux/amd64', retries: '0',
      });
      expect(run.exitCode).toBe(1);
      expect(errorLine(run)).toMatch(/not retried: a RUN step exited non-zero/);
      const line = nodeLine(run, `${run.outputs.builder || run.state.builder}0`);
      expect(line).toMatch(/: running, BuildKit v0\.13\.2/);
      expect(line).not.toContain('network="host"');
      // buildx grants container nodes `network.host` itself when given no entitlement (written
      // with `=`); the action adds none of its own, and the build asks for no host network.
      expect(line).not.toContain('--allow-insecure-entitlement network.host');
      expect(builds(run)[0]?.join(' ')).not.toContain('network');
    });
  });

  test('a node on each engine, each declaring its platform: each platform built on its own node', async () => {
    const tag = `${uniqueRepo('two-engines')}:1`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', 'buildkit-image': BUILDKIT_IMAGE,
      nodes: `- name: amd-a\n  platforms: linux/amd64\n- name: arm-b\n  endpoint: ${ENGINE_B_SOCKET}\n  platforms: linux/arm64`,
    }, { post: false });
    try {
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      // Engine B's node did build work: its BuildKit's cache is no longer empty.
      const du = execFileSync('docker', ['exec', 'buildx_buildkit_arm-b', 'buildctl', 'du'],
        { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: ENGINE_B_SOCKET } });
      expect(du).toMatch(/Total:\s+[1-9]/);
      expect(run.summary).toMatch(/<td>linux\/arm64<\/td>.*?<td>arm-b<\/td>/);
      expect(run.summary).toMatch(/<td>linux\/amd64<\/td>.*?<td>amd-a<\/td>/);
      expect(Object.keys(servedPlatforms(await served(tag))).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    } finally {
      execFileSync('docker', ['buildx', 'rm', '--force', run.state.builder ?? ''],
        { env: { ...process.env, DOCKER_CONFIG: run.env.DOCKER_CONFIG }, stdio: 'ignore' });
    }
    expect(nodeLeftovers('arm-b', ENGINE_B_SOCKET)).toEqual([]);
  });

  // buildx before 0.22 exits 0 from `inspect --bootstrap` when only some nodes boot, and prints the
  // reason only in its progress output: the step must still fail, naming the node, its endpoint
  // and buildx's reason.
  test('buildx 0.13.1, one node whose image does not exist: fails naming it, its endpoint and the reason',
    async () => {
      const run = await runAction({
        context: makeContext(ARCH_DOCKERFILE), 'buildkit-image': BUILDKIT_IMAGE, 'boot-retries': '0',
        nodes: `- name: goodnode\n- name: badnode\n  endpoint: ${ENGINE_B_SOCKET}\n` +
          '  driver-opts: image=127.0.0.1:5000/none/buildkit:missing',
      }, { wrapper: { realBuildx: OLD_BUILDX } });
      expect(run.exitCode).toBe(1);
      const error = errorLine(run);
      expect(error).toContain('badnode (unix:///var/run/docker2.sock): inactive, Error response from daemon');
      expect(error).toContain('127.0.0.1:5000/none/buildkit:missing: not found');
      expect(error).not.toContain('goodnode');
      expect(error).not.toContain('------');
      expect(builds(run)).toEqual([]);
      expect(run.post?.exitCode).toBe(0);
      expect(nodeLeftovers('goodnode')).toEqual([]);
    });

  // buildx merges a multi-node build's manifests itself, on the runner: that process must trust
  // `registry-ca` as the nodes do.
  test('registry-ca on a two-node builder: the push to a TLS registry with its own CA passes', async () => {
    const tag = `${uniqueRepo('private-ca', TLS_REGISTRY)}:1`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true', 'buildkit-image': BUILDKIT_IMAGE,
      'registry-ca': `${TLS_REGISTRY}=${TLS_CA}`,
      nodes: `- name: ca-a\n  platforms: linux/amd64\n- name: ca-b\n  endpoint: ${ENGINE_B_SOCKET}\n  platforms: linux/arm64`,
    });
    ok(run);
    const index = await served(tag, undefined, TLS_CA);
    expect(run.outputs.digest).toBe(index.digest);
    expect(JSON.parse(run.outputs.digests ?? '')).toEqual(servedPlatforms(index));
  });

  test('registry-mirrors: an ordinary FROM busybox comes from a loopback mirror of docker.io', async () => {
    const tag = `${uniqueRepo('mirror')}:1`;
    const run = await runAction({
      context: makeContext('FROM busybox\nRUN uname -m > /arch\n'), tags: tag, push: 'true',
      'buildkit-image': BUILDKIT_IMAGE, 'registry-mirrors': 'docker.io=http://127.0.0.1:5000',
    });
    ok(run);
    expect(pullAndRun(tag, 'linux/arm64', 'cat', '/arch')).toBe('aarch64');
    expect(pullAndRun(tag, 'linux/amd64', 'cat', '/arch')).toBe('x86_64');
  });

  // buildx pulls the BuildKit image on every boot and uses a local copy only when that pull fails:
  // with the copy the action restores from the Actions cache, under a name buildx's pull cannot
  // reach, a hub that is down or rate-limits no longer fails the boot, and a warm run asks nothing.
  // Pinned by digest as the default is (NAME:TAG@sha256:…), the image loads back from the cache
  // with no name at all: the node starts from it by id.
  test.each([['a tag', false], ['a digest, as the default pins', true]])('hub-free boot (image pinned by %s): with the upstream down, a warm run boots from the Actions cache copy; up, it sees no request', async (_, byDigest) => {
    const cache = await startCacheService();
    let upstream = await startFaultProxy({ host: '127.0.0.1', port: 5000 }, 'reset', 0, 5078);
    // The bed's own image, through the counting upstream on :5078 (the tag the bed pushes, no other).
    const tagged = BUILDKIT_IMAGE.replace(REGISTRY, '127.0.0.1:5078');
    const ref = byDigest ? `${tagged}@${(await served(BUILDKIT_IMAGE)).digest}` : tagged;
    const dropImage = (): void => {
      const ids = spawnSync('docker', ['image', 'ls', '-q', '--no-trunc', tagged.replace(/:[^:/]+$/, '')], { encoding: 'utf8' });
      for (const name of [ref, tagged, ...ids.stdout.split('\n').filter(Boolean)]) {
        spawnSync('docker', ['image', 'rm', '-f', name], { stdio: 'ignore' });
      }
    };
    const imageNames = (): string => spawnSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'],
      { encoding: 'utf8' }).stdout;
    try {
      const inputs = { context: makeContext(ARCH_DOCKERFILE), 'buildkit-image': ref, platforms: 'linux/amd64' };
      dropImage();
      const cold = await runAction(inputs, { env: { ...cache.env, GITHUB_RUN_ID: '21' } });
      ok(cold);
      expect(cold.stdout).toContain(`${ref}: pulled`);
      expect(upstream.connections()).toBeGreaterThan(0);

      dropImage();
      await upstream.close(); // the hub is down
      const warm = await runAction(inputs, { env: { ...cache.env, GITHUB_RUN_ID: '22' } });
      ok(warm);
      expect(warm.stdout).toContain(`${ref}: loaded from the Actions cache (sha256:`);
      expect(nodeLine(warm, `${warm.outputs.builder}0`)).toMatch(/: running, BuildKit v0\.13\.2/);

      // The upstream back, counting: a warm run (the image in the engine) makes no request to it,
      // and the post step leaves no extra name on the image.
      upstream = await startFaultProxy({ host: '127.0.0.1', port: 5000 }, 'reset', 0, 5078);
      const counted = await runAction(inputs, { env: { ...cache.env, GITHUB_RUN_ID: '23' } });
      ok(counted);
      expect(nodeLine(counted, `${counted.outputs.builder}0`)).toMatch(/: running, BuildKit v0\.13\.2/);
      expect(upstream.connections()).toBe(0);
      expect(imageNames()).not.toContain('127.0.0.1:9/');
    } finally {
      await upstream.close();
      await cache.close();
      dropImage();
    }
  });

  // A cached image is used only when it is the one recorded when it was saved: a tampered or stale
  // cache entry is pulled again instead, and said so.
  test('a tampered Actions-cache entry for the BuildKit image is not used: it is pulled again', async () => {
    const cache = await startCacheService();
    const upstream = await startFaultProxy({ host: '127.0.0.1', port: 5000 }, 'reset', 0, 5078);
    const ref = BUILDKIT_IMAGE.replace(REGISTRY, '127.0.0.1:5078');
    const dropImage = (): void => void spawnSync('docker', ['image', 'rm', '-f', ref], { stdio: 'ignore' });
    try {
      const inputs = { context: makeContext(ARCH_DOCKERFILE), 'buildkit-image': ref, platforms: 'linux/amd64' };
      dropImage();
      ok(await runAction(inputs, { env: { ...cache.env, GITHUB_RUN_ID: '31' } }));
      // The entry now says it holds another image than the one inside.
      await cache.tamper('multiarch-build-image-', (dir) => {
        const idFile = readdirSync(join(dir, '.multiarch-build-images')).find((f) => f.endsWith('.id')) ?? '';
        writeFileSync(join(dir, '.multiarch-build-images', idFile), `sha256:${'0'.repeat(64)}`);
      });
      dropImage();
      const before = upstream.connections();
      const warm = await runAction(inputs, { env: { ...cache.env, GITHUB_RUN_ID: '32' } });
      ok(warm);
      expect(warm.stdout).toContain(`::warning::${ref}: the cached image is sha256:`);
      expect(warm.stdout).toContain(`not sha256:${'0'.repeat(64)}; pulling it instead`);
      expect(warm.stdout).not.toContain(`${ref}: loaded from the Actions cache`);
      expect(upstream.connections()).toBeGreaterThan(before);
    } finally {
      await upstream.close();
      await cache.close();
      dropImage();
    }
  });

  test('a node killed mid-build: the attempt is transient, the retry boots it again and passes', async () => {
    const tag = `${uniqueRepo('killed')}:1`;
    const before = new Set(containers());
    const killer = setInterval(() => {
      const node = containers().find((c) => !before.has(c));
      if (!node) return;
      clearInterval(killer);
      setTimeout(() => execFileSync('docker', ['kill', node], { stdio: 'ignore' }), 2500); // inside the RUN
    }, 200);
    stops.push(() => clearInterval(killer));
    const run = await runAction({
      context: makeContext(`${ARCH_DOCKERFILE}ARG NONCE=${Date.now()}\nRUN ["/bin/busybox", "sleep", "6"]\n`),
      tags: tag, push: 'true', 'buildkit-image': BUILDKIT_IMAGE, platforms: 'linux/amd64', 'retry-delay': '1',
    });
    ok(run);
    expect(builds(run)).toHaveLength(2);
    expect(run.stdout).toMatch(/attempt 1 of 3 failed, transient \(/);
    expect((await served(tag)).digest).toBe(run.outputs.digest);
  });
});

// The action's default context is the workflow's commit as a Git context, fetched by BuildKit
// inside the node, with the run's token as the GIT_AUTH_TOKEN secret.
describe.skipIf(!bedIsUp())('the default Git context', () => {
  test.each([
    ['a docker-container node', { 'buildkit-image': BUILDKIT_IMAGE }],
    ['builder default', { builder: 'default' }],
  ])('on %s: the commit is built, the token reaches the Git server and nowhere else', async (_name, where) => {
    const token = `ghs_${randomBytes(12).toString('hex')}`;
    const git = await startGitServer('octo/app', { Dockerfile: ARCH_DOCKERFILE }, makeContext(''), token);
    try {
      const tag = `${uniqueRepo('git-context')}:1`;
      const run = await runAction({ tags: tag, push: 'true', 'github-token': token, ...where }, {
        env: { GITHUB_SERVER_URL: git.url, GITHUB_REPOSITORY: 'octo/app', GITHUB_SHA: git.sha,
          GITHUB_REF: 'refs/heads/main', GITHUB_RUN_ID: '77' },
      });
      ok(run);
      const build = builds(run)[0] ?? [];
      expect(build.at(-1)).toBe(`${git.url}/octo/app.git#${git.sha}`);
      expect(build.join(' ')).toMatch(/--secret id=GIT_AUTH_TOKEN\.127\.0\.0\.1:\d+,env=MULTIARCH_BUILD_SECRET_0/);
      expect(git.sawToken()).toBe(true);
      expect(run.buildxCalls.flat().join(' ')).not.toContain(token);
      expect((run.stdout + run.stderr).replaceAll(`::add-mask::${token}`, '')).not.toContain(token);
      expect(pullAndRun(tag, 'linux/arm64', '/bin/busybox', 'cat', '/arch')).toBe('aarch64');
    } finally {
      await git.close();
    }
  });
});

function containers(): string[] {
  return execFileSync('docker', ['ps', '--filter', 'name=buildx_buildkit_multiarch-', '--format', '{{.Names}}'],
    { encoding: 'utf8' }).split('\n').filter(Boolean);
}
