// What a build-push-action user sees after a build, here too: the Dockerfile checks as annotations
// on the Dockerfile's lines, and the build record exported, uploaded as a workflow artifact to the
// runner's artifact service (a loopback one) and linked from the summary. Neither ever fails a
// build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, CHECKED_DOCKERFILE, OLD_BUILDX, ROOTFS, bedIsUp, uniqueRepo } from './helpers/bed.js';
import { startArtifactService } from './helpers/artifact-service.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { annotations } from './helpers/log.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

/** A workspace holding app/Dockerfile and the rootfs tars: the step runs from the workspace. */
function workspaceWith(dockerfile: string): string {
  const workspace = mkdtempSync(join(tmpdir(), 'mab-ws-'));
  mkdirSync(join(workspace, 'app'));
  writeFileSync(join(workspace, 'app', 'Dockerfile'), dockerfile);
  for (const arch of ['amd64', 'arm64']) {
    writeFileSync(join(workspace, 'app', `rootfs-${arch}.tar`), readFileSync(join(ROOTFS, `rootfs-${arch}.tar`)));
  }
  return workspace;
}

const ran = (run: ActionRun): void => {
  expect(run.stdout + run.stderr, run.stdout + run.stderr).not.toContain('::error::');
  expect(run.exitCode).toBe(0);
};
/** A runner's variables for a workflow run of octo/app. */
const runner = (env: Record<string, string> = {}): Record<string, string> => ({
  GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '4242',
  GITHUB_SERVER_URL: 'https://github.com', ...env,
});

/** The files of the gzipped tar `.dockerbuild` (an OCI layout). */
function untar(record: Buffer): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'mab-record-'));
  writeFileSync(join(dir, 'r.tar'), gunzipSync(record));
  const names = execFileSync('tar', ['-tf', join(dir, 'r.tar')], { encoding: 'utf8' }).split('\n').filter(Boolean);
  execFileSync('tar', ['-xf', join(dir, 'r.tar'), '-C', dir]);
  return new Map(names.filter((n) => !n.endsWith('/')).map((n) => [n, readFileSync(join(dir, n))]));
}

/**
 * The builds an OCI layout of build records holds: the `Ref` of each history record (the config
 * of each manifest, `application/vnd.buildkit.historyrecord.v0`), one index deep or two.
 */
function recordedRefs(files: Map<string, Buffer>): string[] {
  const blob = (digest: string): Record<string, unknown> =>
    JSON.parse(files.get(`blobs/${digest.replace(':', '/')}`)?.toString() ?? '{}') as Record<string, unknown>;
  const walk = (node: Record<string, unknown>): string[] => {
    const manifests = node.manifests as { digest: string }[] | undefined;
    if (manifests) return manifests.flatMap((m) => walk(blob(m.digest)));
    const config = node.config as { mediaType: string; digest: string } | undefined;
    return config?.mediaType === 'application/vnd.buildkit.historyrecord.v0' ? [String(blob(config.digest).Ref)] : [];
  };
  return walk(JSON.parse(files.get('index.json')?.toString() ?? '{}') as Record<string, unknown>);
}

describe.skipIf(!bedIsUp())('after the build: check annotations and the build record', () => {
  test('a two-platform build with two check warnings: two annotations, at their lines, once each', async () => {
    const workspace = workspaceWith(CHECKED_DOCKERFILE);
    const tag = `${uniqueRepo('checked')}:1`;
    const inputs = { context: 'app', platforms: 'linux/amd64,linux/arm64', tags: tag, push: 'true', builder: 'default' };
    const run = await runAction(inputs, { workspace, env: runner({ DOCKER_BUILD_SUMMARY: 'false' }) });
    ran(run);
    const seen = annotations(run);
    expect(seen, run.stdout).toHaveLength(2);
    expect(seen[0]).toMatch(/^::warning title=The 'as' keyword should match the case of the 'from' keyword,file=app\/Dockerfile,line=1::FromAsCasing: 'as' and 'FROM' keywords' casing do not match%0AMore info: https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\/from-as-casing\/$/);
    expect(seen[1]).toMatch(/^::warning title=Sensitive data should not be used in the ARG or ENV commands,file=app\/Dockerfile,line=3::SecretsUsedInArgOrEnv: /);
    expect(run.summary).toContain('Dockerfile checks: 2 warning(s), annotated on the Dockerfile');
    // The image itself is published as ever.
    expect(Object.keys(servedPlatforms(await served(tag))).sort()).toEqual(['linux/amd64', 'linux/arm64']);

    const off = await runAction(inputs, { workspace,
      env: runner({ DOCKER_BUILD_SUMMARY: 'false', DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false' }) });
    ran(off);
    expect(annotations(off)).toHaveLength(0);
    expect(off.stdout).toContain('Dockerfile checks: 2 warning(s), not annotated (DOCKER_BUILD_CHECKS_ANNOTATIONS=false)');
  });

  test('`call: check` fails on the warnings as buildx decides, and records no build', async () => {
    const workspace = workspaceWith(CHECKED_DOCKERFILE);
    const run = await runAction({ context: 'app', platforms: 'linux/amd64', builder: 'default', call: 'check',
      retries: '2', 'retry-delay': '1' }, { workspace, env: runner() });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.attempts).toBe('1'); // a check's verdict is not retried
    expect(run.stderr + run.stdout).toContain('FromAsCasing');
    expect(run.stdout).toContain('build record: none, `call: check` builds nothing to record');
  });

  test('a Dockerfile with no check warnings: no annotation, no line in the summary', async () => {
    const workspace = workspaceWith(ARCH_DOCKERFILE);
    const run = await runAction({ context: 'app', platforms: 'linux/amd64', builder: 'default' },
      { workspace, env: runner({ DOCKER_BUILD_SUMMARY: 'false' }) });
    ran(run);
    expect(annotations(run)).toHaveLength(0);
    expect(run.summary).not.toContain('Dockerfile checks');
  });

  test('the build record: uploaded to the artifact service, downloaded back, an OCI layout of this build', async () => {
    const service = await startArtifactService();
    try {
      const workspace = workspaceWith(ARCH_DOCKERFILE);
      const tag = `${uniqueRepo('recorded')}:1`;
      const run = await runAction({ context: 'app', platforms: 'linux/amd64,linux/arm64', tags: tag, push: 'true',
        builder: 'default' }, { workspace, env: runner({ ...service.env, DOCKER_BUILD_RECORD_RETENTION_DAYS: '3' }) });
      ran(run);
      const path = run.outputs['build-record'] ?? '';
      const name = path.split('/').at(-1) ?? '';
      expect(name).toMatch(/^octo~app~[A-Z0-9]{6}\.dockerbuild$/);
      const [stored] = service.artifacts();
      expect(stored).toMatchObject({ name, finalized: true, size: readFileSync(path).length });
      expect(Date.parse(stored?.expiresAt ?? '') - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
      expect(run.summary).toContain(`<a href="https://github.com/octo/app/actions/runs/4242/artifacts/${stored?.id}">${name}</a>`);

      const files = untar(await service.download(name));
      expect(files.get('oci-layout')?.toString()).toContain('imageLayoutVersion');
      const ref = (JSON.parse(run.outputs.metadata ?? '{}') as Record<string, string>)['buildx.build.ref'] ?? '';
      expect(recordedRefs(files)).toEqual([ref.split('/').at(-1)]);
      expect(Object.keys(servedPlatforms(await served(tag))).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    } finally {
      await service.close();
    }
  });

  test('the artifact service answering 500: the build passes, a warning, the record kept at its path', async () => {
    const service = await startArtifactService(500);
    try {
      const workspace = workspaceWith(ARCH_DOCKERFILE);
      const tag = `${uniqueRepo('unrecorded')}:1`;
      const run = await runAction({ context: 'app', platforms: 'linux/amd64', tags: tag, push: 'true', builder: 'default' },
        { workspace, env: runner(service.env) });
      ran(run);
      const path = run.outputs['build-record'] ?? '';
      expect(existsSync(path)).toBe(true);
      expect(run.stdout).toMatch(new RegExp(`::warning::build record: the upload failed \\(.*500.*\\); the record stays at ${path}, the build's result stands`));
      expect(run.summary).toContain(`<code>${path}</code> on the runner (not uploaded: the upload failed: `);
      expect(service.calls.filter((c) => c === 'CreateArtifact').length).toBeGreaterThan(1); // the client retried
      expect(run.outputs.digest).toBe((await served(tag)).digest);
    } finally {
      await service.close();
    }
  });

  test('a failed build still leaves its record, with every attempt', async () => {
    const workspace = workspaceWith('FROM scratch\nARG TARGETARCH\nADD rootfs-${TARGETARCH}.tar /\nRUN ["/bin/busybox", "false"]\n');
    const run = await runAction({ context: 'app', platforms: 'linux/amd64', builder: 'default', retries: '0' },
      { workspace, env: runner() });
    expect(run.exitCode).toBe(1);
    const path = run.outputs['build-record'] ?? '';
    expect(existsSync(path)).toBe(true);
    expect(recordedRefs(untar(readFileSync(path)))).toHaveLength(1);
    expect(run.stdout).toContain('build record: not uploaded, no artifact service here (not in a workflow run)');
    expect(run.summary).toContain('multiarch-build failed');
    expect(run.summary).toContain(`<code>${path}</code> on the runner`);
  });

  test('DOCKER_BUILD_* values that are not what they should be: one warning each, the defaults used', async () => {
    const workspace = workspaceWith(CHECKED_DOCKERFILE);
    const run = await runAction({ context: 'app', platforms: 'linux/amd64', builder: 'default' }, { workspace,
      env: runner({ DOCKER_BUILD_CHECKS_ANNOTATIONS: 'nope', DOCKER_BUILD_RECORD_RETENTION_DAYS: 'a week' }) });
    ran(run);
    expect(run.stdout).toContain('::warning::DOCKER_BUILD_CHECKS_ANNOTATIONS="nope" is not a boolean (true or false); using true');
    expect(run.stdout).toContain('::warning::DOCKER_BUILD_RECORD_RETENTION_DAYS="a week" is not a whole number of days');
    expect(annotations(run)).toHaveLength(2); // the default: annotated
    expect(existsSync(run.outputs['build-record'] ?? '')).toBe(true);
  });

  test('a buildx older than 0.23 cannot export a record: one line says so, the build passes', async () => {
    const workspace = workspaceWith(ARCH_DOCKERFILE);
    const run = await runAction({ context: 'app', platforms: 'linux/amd64', builder: 'default' },
      { workspace, env: runner(), wrapper: { realBuildx: OLD_BUILDX } });
    ran(run);
    expect(run.stdout).toMatch(/build record: none, this buildx \(.*0\.13\.1.*\) cannot export one: that needs buildx >= 0\.23/);
    expect(run.outputs['build-record']).toBe('');
  });
});
