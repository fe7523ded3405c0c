// The local CLI runs the same pipeline: outputs as JSON on stdout, equal to what the registry serves.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, ROOT, bedIsUp, makeContext, uniqueRepo } from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { actionNode } from './helpers/action-node.js';

describe.skipIf(!bedIsUp())('multiarch-build CLI', () => {
  test('builds, pushes and prints the outputs as JSON', async () => {
    const tag = `${uniqueRepo('cli')}:1`;
    const res = spawnSync(actionNode(), [join(ROOT, 'dist/cli.js'), '--context', makeContext(ARCH_DOCKERFILE),
      '--builder', 'default', '--platforms', 'linux/amd64,linux/arm64', '--tags', tag, '--push'], { encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const outputs = JSON.parse(res.stdout) as Record<string, string>;
    const index = await served(tag);
    expect(outputs.digest).toBe(index.digest);
    expect(JSON.parse(outputs.digests ?? '')).toEqual(servedPlatforms(index));
    expect(res.stderr).toMatch(/linux\/arm64 {2}sha256:[0-9a-f]{64} {2}.* {2}emulated \(QEMU\)/);
  });

  test('a bad flag or a bad value: a clear error and a non-zero exit', () => {
    const bad = spawnSync(actionNode(), [join(ROOT, 'dist/cli.js'), '--platfroms', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown flag --platfroms');
    const value = spawnSync(actionNode(), [join(ROOT, 'dist/cli.js'), '--platforms', 'linux/amd65'],
      { encoding: 'utf8' });
    expect(value.status).toBe(1);
    expect(value.stderr).toContain('::error::Input "platforms": "linux/amd65"');
    expect(JSON.parse(value.stdout)).toEqual({});
  });
});
