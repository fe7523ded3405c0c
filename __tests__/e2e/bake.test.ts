// Bake: every target of a bake or compose file in one step, built by the real buildx against the
// loopback registry, each target read back by its own tags. The definition's repository comes from
// an HCL variable (REPO) in the step's environment, as bake reads variables.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ARCH_DOCKERFILE, BUILDKIT_IMAGE, CHECKED_DOCKERFILE, COSIGN, ENGINE_A_NODE, ENGINE_B_NODE, bedIsUp,
  engineBBuildsSince, makeContext, nodesYaml, pullAndRun, uniqueRepo,
} from './helpers/bed.js';
import { annotations, errorLine } from './helpers/log.js';
import { startCacheService } from './helpers/cache-service.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

/** ARCH_DOCKERFILE with a role: `fail` makes its RUN exit 1. */
const ROLE_DOCKERFILE = `${ARCH_DOCKERFILE}ARG ROLE=app
RUN ["/bin/busybox", "sh", "-c", "test \\"$ROLE\\" != fail && echo $ROLE > /role"]
`;

const HCL = `variable "REPO" {}
group "default" {
  targets = ["app", "worker", "migrate"]
}
target "app" {
  platforms = ["linux/amd64", "linux/arm64"]
  tags = ["\${REPO}/app:1"]
}
target "worker" {
  inherits = ["app"]
  tags = ["\${REPO}/worker:1", "\${REPO}/worker:latest"]
  args = { ROLE = "worker" }
}
target "migrate" {
  platforms = ["linux/amd64"]
  tags = ["\${REPO}/migrate:1"]
}
target "broken" {
  platforms = ["linux/amd64"]
  tags = ["\${REPO}/broken:1"]
  args = { ROLE = "fail" }
}
`;

/** A context with the Dockerfile, the rootfs tars and the bake file; REPO a fresh repository. */
function bakeProject(files: Record<string, string> = { 'docker-bake.hcl': HCL }): { dir: string; repo: string } {
  return { dir: makeContext(ROLE_DOCKERFILE, files), repo: uniqueRepo('bake') };
}

const bakes = (run: ActionRun): string[][] =>
  run.buildxCalls.filter((c) => c[0] === 'bake' && !c.includes('--print') && !c.includes('--list'));
interface TargetOutput {
  digest: string;
  digests: Record<string, string>;
  tags: string[];
}
const targetsOf = (run: ActionRun): Record<string, TargetOutput> =>
  JSON.parse(run.outputs.targets ?? '{}') as Record<string, TargetOutput>;

describe.skipIf(!bedIsUp())('bake: every target of a definition in one step', () => {
  test('three targets (two of two platforms, one of one) pushed in one bake, each read back and signed', async () => {
    const { dir, repo } = bakeProject();
    const keys = mkdtempSync(join(tmpdir(), 'mab-bake-cosign-'));
    execFileSync(COSIGN, ['generate-key-pair'], { cwd: keys, env: { ...process.env, COSIGN_PASSWORD: 'pw' }, stdio: 'ignore' });
    const run = await runAction({ workdir: dir, files: 'docker-bake.hcl', builder: 'default', push: 'true',
      'sign-key': readFileSync(join(keys, 'cosign.key'), 'utf8'), 'sign-tlog': 'false' },
    { env: { REPO: repo, COSIGN_PASSWORD: 'pw' }, cosign: COSIGN });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(bakes(run)).toHaveLength(1);
    const targets = targetsOf(run);
    expect(Object.keys(targets).sort()).toEqual(['app', 'migrate', 'worker']);
    for (const [name, t] of Object.entries(targets)) {
      for (const tag of t.tags) {
        const index = await served(tag);
        expect(index.digest, `${name}: ${tag}`).toBe(t.digest);
        expect(t.digests).toEqual(servedPlatforms(index));
      }
    }
    expect(Object.keys(targets.app?.digests ?? {}).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(Object.keys(targets.migrate?.digests ?? {})).toEqual(['linux/amd64']);
    expect(targets.worker?.tags).toEqual([`${repo}/worker:1`, `${repo}/worker:latest`]);
    expect(targets.app?.digest).not.toBe(targets.worker?.digest); // the worker's ARG made it another image
    // Several targets: digest and digests are per target only.
    expect(run.outputs.digest).toBe('');
    expect(run.outputs['qemu-platforms']).toBe('linux/arm64');
    for (const name of ['app', 'worker', 'migrate']) expect(run.summary).toContain(`target ${name}`);
    // Each target signed by digest in its own repository, and verified by the test's own cosign.
    expect(run.outputs.signed).toBe('true');
    for (const t of Object.values(targets)) {
      const ref = `${(t.tags[0] ?? '').replace(/:[^:/]+$/, '')}@${t.digest}`;
      expect(spawnSync(COSIGN, ['verify', '--key', join(keys, 'cosign.pub'), '--insecure-ignore-tlog',
        '--allow-http-registry', ref], { stdio: 'ignore' }).status, ref).toBe(0);
    }
  });

  test('a compose file: its services are the targets', async () => {
    const { dir, repo } = bakeProject({ 'compose.yaml': `services:
  web:
    build:
      context: .
      platforms: [linux/amd64, linux/arm64]
    image: \${REPO}/web:1
  job:
    build: .
    image: \${REPO}/job:1
` });
    const run = await runAction({ workdir: dir, files: 'compose.yaml', builder: 'default', push: 'true' },
      { env: { REPO: repo } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const targets = targetsOf(run);
    expect(Object.keys(targets).sort()).toEqual(['job', 'web']);
    expect((await served(`${repo}/web:1`)).digest).toBe(targets.web?.digest);
    expect(Object.keys(targets.web?.digests ?? {}).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect((await served(`${repo}/job:1`)).digest).toBe(targets.job?.digest);
  });

  test('one target: digest and digests are its own; `set` overrides its tag and its platforms', async () => {
    const { dir, repo } = bakeProject();
    const run = await runAction({ workdir: dir, files: 'docker-bake.hcl', targets: 'app', builder: 'default',
      push: 'true', set: `app.tags=${repo}/app:override\n*.platform=linux/amd64` }, { env: { REPO: repo } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const index = await served(`${repo}/app:override`);
    expect(run.outputs.digest).toBe(index.digest);
    expect(JSON.parse(run.outputs.digests ?? '{}')).toEqual(servedPlatforms(index));
    expect(Object.keys(servedPlatforms(index))).toEqual(['linux/amd64']);
    expect(run.outputs['qemu-platforms']).toBe(''); // no arm64 left to emulate
    expect((await served(`${repo}/app:1`)).status).toBe(404); // the file's own tag: not written
    expect(bakes(run)[0]).toEqual(expect.arrayContaining(['--set', `app.tags=${repo}/app:override`]));
  });

  test('a target whose build fails: named, none of its tags written, the step fails', async () => {
    const { dir, repo } = bakeProject();
    const run = await runAction({ workdir: dir, files: 'docker-bake.hcl', targets: 'migrate,broken',
      builder: 'default', push: 'true', retries: '0' }, { env: { REPO: repo } });
    expect(run.exitCode).toBe(1);
    const line = errorLine(run);
    expect(line).toMatch(/^::error::buildx bake \(broken, migrate\) failed \(1 attempt, not retried: a RUN step exited non-zero\): ERROR: target broken: /);
    // migrate either finished first (pushed, and the line says its digest) or was cancelled by bake.
    const other = /the other targets: migrate (pushed \((sha256:[0-9a-f]{64})\)|not pushed)$/.exec(line);
    expect(other, line).not.toBeNull();
    expect((await served(`${repo}/migrate:1`)).digest).toBe(other?.[2]);
    expect(line).toContain('target broken failed, none of its tags written');
    expect((await served(`${repo}/broken:1`)).status).toBe(404);
    expect(run.outputs.targets ?? '').toBe('');
  });

  test('an unknown target names the ones the file defines; a syntax error shows file and line; no build', async () => {
    const { dir, repo } = bakeProject({ 'docker-bake.hcl': HCL, 'bad.hcl': 'target "x" {\n  tags = [\n}\n' });
    const unknown = await runAction({ workdir: dir, files: 'docker-bake.hcl', targets: 'api', builder: 'default',
      push: 'true' }, { env: { REPO: repo } });
    expect(unknown.exitCode).toBe(1);
    expect(errorLine(unknown)).toBe('::error::Input "targets": "api" is not a target or group of the bake ' +
      'definition; it defines app, broken, migrate, worker (groups: default)');
    expect(bakes(unknown)).toEqual([]);
    const withoutGroup = bakeProject({ 'docker-bake.hcl': HCL.replace(/group "default" \{[^}]*\}\n/, '') });
    const none = await runAction({ workdir: withoutGroup.dir, files: 'docker-bake.hcl', builder: 'default',
      push: 'true' }, { env: { REPO: withoutGroup.repo } });
    expect(errorLine(none)).toBe('::error::Input "targets": "" is empty, and the bake definition has no `default` ' +
      'group: name the targets to build; it defines app, broken, migrate, worker');
    expect(bakes(none)).toEqual([]);
    const broken = await runAction({ workdir: dir, files: 'bad.hcl', builder: 'default', push: 'true' });
    expect(broken.exitCode).toBe(1);
    expect(errorLine(broken)).toMatch(/^::error::Input "files": "bad\.hcl" is not a bake definition buildx can read: bad\.hcl:3,1-2: Invalid expression/);
    expect(bakes(broken)).toEqual([]);
  });

  test('on a two-node builder: each platform on its own engine, host network granted to every target', async () => {
    const { dir, repo } = bakeProject();
    writeFileSync(join(dir, 'marker'), 'x');
    const before = new Date();
    const run = await runAction({ workdir: dir, files: 'docker-bake.hcl', targets: 'app,worker', push: 'true',
      driver: 'remote', nodes: nodesYaml([
        { name: 'amdnode', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' },
        { name: 'armnode', endpoint: ENGINE_B_NODE, platforms: 'linux/arm64' },
      ]) }, { env: { REPO: repo } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(engineBBuildsSince(before)).toBeGreaterThanOrEqual(1); // arm64 ran on engine B's node
    expect(run.outputs['qemu-platforms']).toBe('');
    const bake = bakes(run)[0] ?? [];
    expect(bake).toEqual(expect.arrayContaining(['--allow', 'network.host']));
    const targets = targetsOf(run);
    expect((await served(`${repo}/worker:latest`)).digest).toBe(targets.worker?.digest);
    expect(run.summary).toMatch(/target app[\s\S]*<td>linux\/arm64<\/td><td><code>sha256:[0-9a-f]{64}<\/code><\/td><td>armnode<\/td>/);
  });

  // Host network proven by its effect: on a remote node (engine A's BuildKit, whose RUN steps get a
  // network namespace of their own unless a target asks for the host's), a RUN of EACH target
  // reaches a service that listens only on the host's loopback and carries its token into the image.
  test('host network granted to every target: each target\'s RUN reaches a host-only service', async () => {
    const token = randomBytes(8).toString('hex');
    const server: Server = createServer((_req, res) => res.end(token));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const { dir, repo } = bakeProject({ 'docker-bake.hcl': HCL, Dockerfile: `${ARCH_DOCKERFILE}ARG PORT
RUN ["/bin/busybox", "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | /bin/busybox nc -w 5 127.0.0.1 $PORT > /reply"]
` });
      const run = await runAction({ workdir: dir, files: 'docker-bake.hcl', targets: 'app,migrate', push: 'true',
        driver: 'remote', nodes: nodesYaml([{ name: 'amdnode', endpoint: ENGINE_A_NODE, platforms: 'linux/amd64' }]),
        set: `*.args.PORT=${port}\n*.platform=linux/amd64`, retries: '0' }, { env: { REPO: repo } });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      for (const target of ['app', 'migrate']) {
        expect(pullAndRun(`${repo}/${target}:1`, 'linux/amd64', '/bin/busybox', 'cat', '/reply'), target)
          .toMatch(new RegExp(`\\n${token}$`));
      }
    } finally {
      server.close();
    }
  });

  // cache: auto (the default) for each target: on the action's default builder (a new
  // docker-container node each run, as a hosted runner has), the second bake of the same definition
  // takes every target's RUN from the registry cache the first wrote next to that target's image.
  test('warm by default: each target\'s cache next to its image, the second run\'s RUN steps CACHED', async () => {
    const { dir, repo } = bakeProject();
    const bakeOnce = (): Promise<ActionRun> => runAction({ workdir: dir, files: 'docker-bake.hcl',
      targets: 'app,worker', push: 'true', 'buildkit-image': BUILDKIT_IMAGE, set: '*.platform=linux/amd64' },
    { env: { REPO: repo } });
    const cold = await bakeOnce();
    expect(cold.exitCode, cold.stdout + cold.stderr).toBe(0);
    for (const t of ['app', 'worker']) {
      expect(cold.stdout).toContain(`cache of ${t}: registry ${repo}/${t}:buildcache-linux-amd64`);
      expect((await served(`${repo}/${t}:buildcache-linux-amd64`)).status).toBe(200);
    }
    const warm = await bakeOnce();
    expect(warm.exitCode, warm.stdout + warm.stderr).toBe(0);
    for (const t of ['app', 'worker']) {
      // `#N [app 3/3] RUN ...` then `#N CACHED`: the step came from the registry cache.
      const run = new RegExp(`^#(\\d+) \\[${t} [^\\]]*\\] RUN .*echo ${t} > /role`, 'm').exec(warm.stderr);
      expect(run, `${t}'s RUN step in the warm bake`).not.toBeNull();
      expect(warm.stderr).toMatch(new RegExp(`^#${run?.[1] ?? 'x'} CACHED$`, 'm'));
    }
  });

  test('Dockerfile checks: each warning annotated once on the Dockerfile line, however many targets met it', async () => {
    const workspace = makeContext(CHECKED_DOCKERFILE, { 'docker-bake.hcl': HCL });
    const repo = uniqueRepo('bake-checks');
    const run = await runAction({ files: 'docker-bake.hcl', targets: 'app,migrate', builder: 'default', push: 'true' },
      { workspace, env: { REPO: repo, DOCKER_BUILD_SUMMARY: 'false' } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const seen = annotations(run);
    expect(seen, run.stdout).toHaveLength(2);
    expect(seen[0]).toMatch(/^::warning title=The 'as' keyword should match the case of the 'from' keyword,file=Dockerfile,line=1::FromAsCasing: /);
    expect(seen[1]).toMatch(/^::warning title=Sensitive data should not be used in the ARG or ENV commands,file=Dockerfile,line=3::SecretsUsedInArgOrEnv: /);
    expect(run.summary).toContain('Dockerfile checks: 2 warning(s), annotated on the Dockerfile');
  });

  // The merge of a bake's fan-out: one target's legs recorded, the other's never: the first is
  // merged into its tags, the second named and none of its tags written, and the step fails.
  test('fan-out merge: a target without legs is named, not tagged; the others are merged', async () => {
    const cache = await startCacheService();
    try {
      const { dir, repo } = bakeProject();
      const env = { ...cache.env, REPO: repo, GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '1' };
      for (const platform of ['linux/amd64', 'linux/arm64']) {
        const leg = await runAction({ workdir: dir, files: 'docker-bake.hcl', targets: 'app', platforms: platform,
          'push-by-digest': 'true', 'buildkit-image': BUILDKIT_IMAGE }, { env });
        expect(leg.exitCode, leg.stdout + leg.stderr).toBe(0);
        expect(leg.stdout).toMatch(new RegExp(`recorded ${platform} = ${repo}/app@sha256:[0-9a-f]{64}`));
      }
      const merge = await runAction({ mode: 'merge', workdir: dir, files: 'docker-bake.hcl', targets: 'app,migrate' },
        { env });
      expect(merge.exitCode).toBe(1);
      const app = await served(`${repo}/app:1`);
      expect(Object.keys(servedPlatforms(app)).sort()).toEqual(['linux/amd64', 'linux/arm64']);
      expect(errorLine(merge)).toMatch(new RegExp('^::error::mode merge of a bake: 1 of 2 targets not merged, none ' +
        `of their tags written: migrate \\(.*\\); merged: app ${app.digest ?? ''}$`));
      expect((await served(`${repo}/migrate:1`)).status).toBe(404);
    } finally {
      await cache.close();
    }
  });
});
