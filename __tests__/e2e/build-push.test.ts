import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, dockerRun, makeContext, uniqueRepo } from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';

describe.skipIf(!bedIsUp())('two-platform build pushed to the loopback registry', () => {
  test('outputs equal what the registry serves, and arm64 ran under QEMU', async () => {
    const tag = `${uniqueRepo('app')}:1.0`;
    const run = await runAction({
      context: makeContext(ARCH_DOCKERFILE),
      platforms: 'linux/amd64,linux/arm64',
      tags: tag,
      push: 'true',
      builder: 'default',
    });
    expect(run.stdout + run.stderr, run.stdout + run.stderr).not.toContain('::error::');
    expect(run.exitCode).toBe(0);

    const index = await served(tag);
    expect(index.status).toBe(200);
    expect(run.outputs.digest).toBe(index.digest);
    const digests = JSON.parse(run.outputs.digests ?? '{}') as Record<string, string>;
    expect(digests).toEqual(servedPlatforms(index));
    expect(Object.keys(digests).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(run.outputs.platforms).toBe('linux/amd64,linux/arm64');
    expect(run.outputs.imageid).toBe(index.digest);
    expect(JSON.parse(run.outputs.metadata ?? '{}')['containerimage.digest']).toBe(index.digest);

    expect(run.summary).toContain('linux/arm64');
    expect(run.summary).toContain(digests['linux/arm64']);
    expect(run.post?.exitCode).toBe(0);

    expect(dockerRun(tag, 'linux/arm64', '/bin/busybox', 'cat', '/arch')).toBe('aarch64');
    expect(dockerRun(tag, 'linux/amd64', '/bin/busybox', 'cat', '/arch')).toBe('x86_64');
  });
});
