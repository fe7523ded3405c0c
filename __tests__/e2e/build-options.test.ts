// push false, load, several tags, build args, the file-server image, and secrets: each checked
// against the engine and the registry.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, dockerRun, makeContext, uniqueRepo } from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { lastBuild, runAction, type ActionRun } from './helpers/run-action.js';

const ok = (run: ActionRun): void => {
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  expect(run.post?.exitCode).toBe(0);
};

describe.skipIf(!bedIsUp())('build options', () => {
  test('push false: nothing reaches the registry; outputs say so', async () => {
    const tag = `${uniqueRepo('nopush')}:1`;
    const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'false', builder: 'default' });
    ok(run);
    expect((await served(tag)).status).toBe(404);
    expect(run.outputs.digests).toBe('{}');
    expect(run.outputs.platforms).toBe('linux/amd64,linux/arm64');
    expect(lastBuild(run)).not.toContain('--push');
  });

  test('load: the engine has the image and imageid names it', async () => {
    const tag = `${uniqueRepo('loaded')}:1`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE), tags: tag, load: 'true', platforms: 'linux/arm64', builder: 'default',
    });
    ok(run);
    expect(run.outputs.imageid).toMatch(/^sha256:[0-9a-f]{64}$/);
    const id = execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', tag], { encoding: 'utf8' }).trim();
    expect(id).toBe(run.outputs.imageid);
    expect(dockerRun(tag, 'linux/arm64', '/bin/busybox', 'cat', '/arch')).toBe('aarch64');
    execFileSync('docker', ['image', 'rm', tag], { stdio: 'ignore' });
  });

  test('several tags in two repositories all serve the output digest; build args reach the image', async () => {
    const tags = [`${uniqueRepo('multi')}:1.0`, `${uniqueRepo('multi')}:latest`];
    const dockerfile = `${ARCH_DOCKERFILE}ARG GREETING\nARG EMPTY=default\nRUN ["/bin/busybox", "sh", "-c", "echo \\"$GREETING|$EMPTY\\" > /greeting"]\n`;
    const run = await runAction({
      context: makeContext(dockerfile), tags: tags.join('\n'), push: 'true', builder: 'default',
      'build-args': 'GREETING=hello, world\nEMPTY=',
    });
    ok(run);
    for (const tag of tags) {
      const s = await served(tag);
      expect(s.digest).toBe(run.outputs.digest);
      expect(JSON.parse(run.outputs.digests ?? '')).toEqual(servedPlatforms(s));
    }
    expect(dockerRun(tags[0] as string, 'linux/arm64', '/bin/busybox', 'cat', '/greeting')).toBe('hello, world|');
  });

  test("a download mirror image: every platform's image carries both architectures' files", async () => {
    const tag = `${uniqueRepo('mirror')}:1`;
    // Per-arch binaries gathered once on the build platform, then shipped in every platform's image.
    const dockerfile = `FROM --platform=$BUILDPLATFORM scratch AS gather
ADD rootfs-amd64.tar /mirror/amd64/
ADD rootfs-arm64.tar /mirror/arm64/

FROM scratch
ARG TARGETARCH
ADD rootfs-\${TARGETARCH}.tar /
COPY --from=gather /mirror /srv/mirror
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /arch"]
`;
    const run = await runAction({ context: makeContext(dockerfile), tags: tag, push: 'true', builder: 'default' });
    ok(run);
    const sums = Object.fromEntries(['amd64', 'arm64'].map((a) => [a, sha256OfBusybox(a)]));
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const listing = dockerRun(tag, platform, '/bin/busybox', 'sha256sum', '/srv/mirror/amd64/bin/busybox',
        '/srv/mirror/arm64/bin/busybox');
      expect(listing).toContain(`${sums.amd64}  /srv/mirror/amd64/bin/busybox`);
      expect(listing).toContain(`${sums.arm64}  /srv/mirror/arm64/bin/busybox`);
    }
  });

  test('secrets reach the build, and their value is in no log and no command line', async () => {
    const secret = `s3cr3t-${Math.random().toString(36).slice(2)}`;
    const tag = `${uniqueRepo('secret')}:1`;
    // Secret values are not part of BuildKit's cache key: a nonce makes the RUN run again.
    const dockerfile = `${ARCH_DOCKERFILE}ARG NONCE\nRUN --mount=type=secret,id=token ["/bin/busybox", "sh", "-c", "/bin/busybox sha256sum /run/secrets/token | /bin/busybox cut -d' ' -f1 > /token.sha"]\n`;
    const cmdlines = new Set<string>();
    const run = await runAction(
      { context: makeContext(dockerfile), tags: tag, push: 'true', builder: 'default', secrets: `token=${secret}`,
        platforms: 'linux/amd64', 'build-args': `NONCE=${secret.length}${Date.now()}` },
      { onTick: () => sampleCommandLines(cmdlines) },
    );
    ok(run);
    // Positive control: the build saw the secret.
    const want = createHash('sha256').update(secret).digest('hex');
    expect(dockerRun(tag, 'linux/amd64', '/bin/busybox', 'cat', '/token.sha')).toBe(want);
    // The runner's own mask command is the one place the value may appear.
    const log = (run.stdout + run.stderr).replaceAll(`::add-mask::${secret}`, '');
    expect(log).not.toContain(secret);
    expect(run.buildxCalls.flat().join(' ')).not.toContain(secret);
    // The sampler saw the build's own command line, so it would have seen a leaked value.
    expect([...cmdlines].some((c) => c.includes('--secret id=token,env='))).toBe(true);
    expect([...cmdlines].join('\n')).not.toContain(secret);
    expect(lastBuild(run)).toContain('id=token,env=MULTIARCH_BUILD_SECRET_0');
  });

  // The runner hides only what `::add-mask::` named, line by line: a RUN that prints a secret is
  // hidden only if the mask for every value, every line of a multi-line one, and the token came
  // first. The masks must be on stdout before the Build stage starts; the build really printed
  // the values (the positive control).
  test('every secret value, each line of a multi-line one and the token are masked before the build', async () => {
    const id = Math.random().toString(36).slice(2);
    const [one, two, token] = [`first-line-${id}`, `second-line-${id}`, `ghs_token${id}`];
    const dockerfile = `${ARCH_DOCKERFILE}RUN --mount=type=secret,id=multi --mount=type=secret,id=single \\
 ["/bin/busybox", "sh", "-c", "/bin/busybox cat /run/secrets/multi /run/secrets/single; echo"]\n`;
    const run = await runAction({
      context: makeContext(dockerfile), builder: 'default', platforms: 'linux/amd64', 'no-cache': 'true',
      secrets: `"multi=${one}\n${two}"\nsingle=single-${id}`, 'github-token': token,
    }, { env: { GITHUB_REPOSITORY: 'octo/app', GITHUB_SERVER_URL: 'https://github.example' } });
    ok(run);
    expect(run.stderr).toContain(one); // the RUN printed them: the masks matter
    expect(run.stderr).toContain(two);
    const buildStarts = run.stdout.indexOf('::group::Build\n');
    expect(buildStarts).toBeGreaterThan(0);
    for (const value of [`${one}\n${two}`.replace('\n', '%0A'), one, two, `single-${id}`, token]) {
      const mask = run.stdout.indexOf(`::add-mask::${value}\n`);
      expect(mask, `mask for ${value}`).toBeGreaterThanOrEqual(0);
      expect(mask).toBeLessThan(buildStarts);
    }
  });
});

function sha256OfBusybox(arch: string): string {
  const tar = readFileSync(`${process.cwd()}/__tests__/fixtures/rootfs/rootfs-${arch}.tar`);
  const out = execFileSync('tar', ['-xOf', '-', 'bin/busybox'], { input: tar, maxBuffer: 64 << 20 });
  return createHash('sha256').update(out).digest('hex');
}

/** Every process's command line, as anyone on the machine could read it. */
function sampleCommandLines(into: Set<string>): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      into.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // the process ended
    }
  }
}
