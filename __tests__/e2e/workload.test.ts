// A real workload, hub-free: `FROM debian:bookworm-slim` (the bed's Debian image through a loopback
// mirror of docker.io), apt-get installing a compiler, a C program compiled per platform (arm64
// under QEMU), on docker-container nodes. Slow by nature: minutes of emulated apt and gcc.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES } from '../fixture.js';
import { BUILDKIT_IMAGE, bedIsUp, pullAndRun, uniqueRepo } from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';

describe.skipIf(!bedIsUp())('an ordinary Dockerfile', () => {
  test('apt-get, gcc and a slim final stage for two platforms: pushed, read back, and it runs', async () => {
    const context = mkdtempSync(join(tmpdir(), 'mab-workload-'));
    cpSync(join(FIXTURES, 'workload'), context, { recursive: true });
    const tag = `${uniqueRepo('workload')}:1`;
    const run = await runAction({
      context, tags: tag, push: 'true', 'buildkit-image': BUILDKIT_IMAGE,
      'registry-mirrors': 'docker.io=http://127.0.0.1:5000',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const index = await served(tag);
    expect(run.outputs.digest).toBe(index.digest);
    expect(JSON.parse(run.outputs.digests ?? '')).toEqual(servedPlatforms(index));
    expect(pullAndRun(tag, 'linux/arm64')).toBe('hello from aarch64');
    expect(pullAndRun(tag, 'linux/amd64')).toBe('hello from x86_64');
    // The emulation tax, from buildx's own progress output: each platform's slowest steps, marked
    // native or emulated, and the emulated/native ratio of the apt-get step that ran on both.
    expect(run.summary).toContain('slowest steps');
    expect(run.summary).toMatch(/<td>linux\/arm64<\/td><td><code>\[build 2\/4\] RUN apt-get update[^<]*<\/code><\/td><td>[\d.]+<\/td><td>emulated<\/td><td>[\d.]+x<\/td>/);
    expect(run.summary).toMatch(/<td>linux\/amd64<\/td><td><code>[^<]*<\/code><\/td><td>[\d.]+<\/td><td>native<\/td>/);
    expect(run.summary).toMatch(/\[build 2\/4\] RUN apt-get update[^:]*: linux\/arm64 [\d.]+ s emulated, linux\/amd64 [\d.]+ s native, [\d.]+x/);
    // Emulated steps dominate this build: a notice with the ways out, the one that helps most first
    // (the workflow command escapes `%` as `%25`; the runner shows `%`).
    expect(run.stdout).toMatch(/::notice title=the emulation tax::emulated steps took [\d.]+ s of [\d.]+ s \(\d+ %25\) under QEMU \(linux\/arm64\)\. Ways out: a native node for linux\/arm64/);
    const slowest = [...run.summary.matchAll(/<td>linux\/arm64<\/td><td><code>[^<]*<\/code><\/td><td>([\d.]+)<\/td>/g)];
    console.log(`arm64's slowest steps (s): ${slowest.map((m) => m[1]).join(', ')}`);
    console.log(run.stdout.match(/::notice title=the emulation tax::.*/)?.[0]);
    console.log(run.summary.match(/\[build 2\/4\] RUN apt-get update[^:]*: linux\/arm64 .*/)?.[0]);
  }, 900_000);
});
