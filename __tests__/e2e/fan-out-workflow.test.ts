// The reusable workflow (.github/workflows/build.yml), its jobs run in order as the runner would
// (helpers/workflow-runner.ts): plan's matrix -> one leg per platform through the built action, each
// on its own engine of the bed standing in for a runner of that architecture (engine B for the arm
// runner; the bed has no arm64 CPU, so its arm64 leg still runs under QEMU), recording through the
// loopback cache service -> the merge -> the workflow's outputs, checked against the registry. It
// proves the workflow's inputs, outputs and job wiring, not GitHub's scheduler.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ARCH_DOCKERFILE, BUILDKIT_IMAGE, ENGINE_B_SOCKET, ROOT, bedIsUp, makeContext, pullAndRun, uniqueRepo,
} from './helpers/bed.js';
import { startCacheService } from './helpers/cache-service.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runWorkflow } from './helpers/workflow-runner.js';

const WORKFLOW = join(ROOT, '.github/workflows/build.yml');

const SECRET = 'a-build-secret-never-shown';

async function fanOut(dockerfile: string, runId: string) {
  const cache = await startCacheService();
  const workspace = mkdtempSync(join(tmpdir(), 'mab-workspace-'));
  mkdirSync(join(workspace, '.context'));
  symlinkSync(makeContext(dockerfile), join(workspace, '.context', 'app'));
  const image = uniqueRepo('fanout');
  try {
    const run = await runWorkflow(WORKFLOW, {
      inputs: { image, tags: `${image}:1`, platforms: 'linux/amd64,linux/arm64', context: 'app', sign: 'false' },
      job: { workflow_repository: 'org/multiarch-build', workflow_sha: 'a'.repeat(40),
        workflow_ref: 'org/multiarch-build/.github/workflows/build.yml@refs/tags/v1' },
      github: { server_url: 'https://github.com' },
      secrets: { 'build-secrets': `token=${SECRET}` },
      extraInputs: { 'buildkit-image': BUILDKIT_IMAGE },
      runOptions: (runsOn) => ({ workspace, env: { ...cache.env, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1',
        ...(runsOn === 'ubuntu-24.04-arm' ? { DOCKER_HOST: ENGINE_B_SOCKET } : {}) } }),
    });
    return { run, image };
  } finally {
    await cache.close();
  }
}

describe.skipIf(!bedIsUp())('the reusable workflow: a native fan-out', () => {
  test('plan -> a leg per platform on its own runner -> the merge; the outputs are what the registry serves',
    async () => {
      // Each leg's RUN reads the workflow's build secret, and keeps only its hash.
      const withSecret = `${ARCH_DOCKERFILE}RUN --mount=type=secret,id=token ["/bin/busybox", "sh", "-c", ` +
        `"/bin/busybox sha256sum /run/secrets/token > /tokensum"]\n`;
      const { run, image } = await fanOut(withSecret, '51');
      const errors = run.actionRuns.flatMap((r) => r.run.stdout.split('\n').filter((l) => l.startsWith('::error::')));
      expect(run.results, errors.join(' | ')).toEqual({ plan: 'success', legs: 'success', merge: 'success' });
      const legs = run.actionRuns.filter((r) => r.job === 'legs');
      expect(legs.map((l) => [l.matrix?.platform, l.runsOn])).toEqual([
        ['linux/amd64', 'ubuntu-24.04'], ['linux/arm64', 'ubuntu-24.04-arm']]);
      // Each leg's node ran on its own engine: the arm runner's is engine B.
      expect(legs[1]?.run.stdout).toMatch(/node \S+ \(unix:\/\/\/var\/run\/docker2\.sock\): running/);
      expect(legs[0]?.run.stdout).not.toContain('docker2.sock');
      for (const leg of legs) {
        expect(leg.run.exitCode, leg.run.stdout).toBe(0);
        expect(leg.run.buildxCalls.find((c) => c[0] === 'build')?.join(' ')).toContain('push-by-digest=true');
      }
      const index = await served(`${image}:1`);
      expect(run.outputs.digest).toBe(index.digest);
      expect(JSON.parse(run.outputs.digests ?? '{}')).toEqual(servedPlatforms(index));
      expect(Object.keys(servedPlatforms(index)).sort()).toEqual(['linux/amd64', 'linux/arm64']);
      expect(run.outputs.tags).toBe(`${image}:1`);
      expect(run.notRun).toContain('legs: actions/checkout@v5');
      // The build secret reached both legs' RUN steps, and no command line or log line.
      const sum = createHash('sha256').update(SECRET).digest('hex');
      for (const platform of ['linux/amd64', 'linux/arm64']) {
        expect(pullAndRun(`${image}:1`, platform, '/bin/busybox', 'cat', '/tokensum')).toContain(sum);
      }
      for (const leg of legs) {
        const seen = [...leg.run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')), leg.run.stderr,
          ...leg.run.buildxCalls.flat()].join('\n');
        expect(seen).not.toContain(SECRET);
      }
    });

  test('a leg that fails: the merge does not run and nothing is tagged', async () => {
    const failsOnArm = `${ARCH_DOCKERFILE}RUN ["/bin/busybox", "sh", "-c", "test $(/bin/busybox uname -m) != aarch64"]\n`;
    const { run, image } = await fanOut(failsOnArm, '52');
    expect(run.results).toEqual({ plan: 'success', legs: 'failure', merge: 'skipped' });
    expect(run.actionRuns.filter((r) => r.job === 'merge')).toEqual([]);
    expect((await served(`${image}:1`)).status).toBe(404);
  });

  test('a bake: a leg per target and platform, each target merged into its own tags', async () => {
    const cache = await startCacheService();
    const workspace = mkdtempSync(join(tmpdir(), 'mab-workspace-'));
    mkdirSync(join(workspace, '.context'));
    const repo = uniqueRepo('fanout-bake');
    symlinkSync(makeContext(ARCH_DOCKERFILE, { 'docker-bake.hcl': `variable "REPO" {}
group "default" {
  targets = ["app", "migrate"]
}
target "app" {
  platforms = ["linux/amd64", "linux/arm64"]
  tags = ["\${REPO}/app:1", "\${REPO}/app:latest"]
}
target "migrate" {
  platforms = ["linux/amd64"]
  tags = ["\${REPO}/migrate:1"]
}
` }), join(workspace, '.context', 'app'));
    try {
      const run = await runWorkflow(WORKFLOW, {
        inputs: { context: 'app', files: 'docker-bake.hcl', sign: 'false' },
        job: { workflow_repository: 'org/multiarch-build', workflow_sha: 'a'.repeat(40),
          workflow_ref: 'org/multiarch-build/.github/workflows/build.yml@refs/tags/v1' },
        github: { server_url: 'https://github.com' },
        extraInputs: { 'buildkit-image': BUILDKIT_IMAGE },
        runOptions: (runsOn) => ({ workspace, env: { ...cache.env, REPO: repo, GITHUB_RUN_ID: '53',
          GITHUB_RUN_ATTEMPT: '1', ...(runsOn === 'ubuntu-24.04-arm' ? { DOCKER_HOST: ENGINE_B_SOCKET } : {}) } }),
      });
      const errors = run.actionRuns.flatMap((r) => r.run.stdout.split('\n').filter((l) => l.startsWith('::error::')));
      expect(run.results, errors.join(' | ')).toEqual({ plan: 'success', legs: 'success', merge: 'success' });
      const legs = run.actionRuns.filter((r) => r.job === 'legs');
      expect(legs.map((l) => [l.matrix?.target, l.matrix?.platform, l.runsOn])).toEqual([
        ['app', 'linux/amd64', 'ubuntu-24.04'], ['app', 'linux/arm64', 'ubuntu-24.04-arm'],
        ['migrate', 'linux/amd64', 'ubuntu-24.04']]);
      for (const leg of legs) {
        const bake = leg.run.buildxCalls.find((c) => c[0] === 'bake' && !c.includes('--print')) ?? [];
        expect(bake).toEqual(expect.arrayContaining(['--set', `*.platform=${leg.matrix?.platform ?? ''}`]));
        expect(bake).not.toContain('--push'); // by digest only: the merge tags
      }
      const targets = JSON.parse(run.outputs.targets ?? '{}') as Record<string, { digest: string; tags: string[] }>;
      expect(Object.keys(targets).sort()).toEqual(['app', 'migrate']);
      for (const [name, t] of Object.entries(targets)) {
        for (const tag of t.tags) expect((await served(tag)).digest, `${name}: ${tag}`).toBe(t.digest);
      }
      expect(Object.keys(servedPlatforms(await served(`${repo}/app:1`))).sort()).toEqual(['linux/amd64', 'linux/arm64']);
      expect(Object.keys(servedPlatforms(await served(`${repo}/migrate:1`)))).toEqual(['linux/amd64']);
    } finally {
      await cache.close();
    }
  });
});
