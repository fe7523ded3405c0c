// A job cancelled during the push, as the runner cancels it: SIGINT to the step, SIGTERM 7.5 s
// later if it is still running, then the post step. buildx is stopped, nothing is tried again,
// no tag is published afterwards, and the post step removes the builder.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, BUILDKIT_IMAGE, bedIsUp, buildersLeft, makeContext, uniquePath } from './helpers/bed.js';
import { startHttpProxy } from './helpers/http-proxy.js';
import { errorLine } from './helpers/log.js';
import { served } from './helpers/registry.js';
import { runAction } from './helpers/run-action.js';

const buildxBuilds = (tag: string): string => {
  try {
    return execFileSync('pgrep', ['-af', `build.*${tag}`], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
};

describe.skipIf(!bedIsUp())('a cancelled job', () => {
  test('SIGINT during the push: buildx stopped, not retried, no tag afterwards, builder removed', async () => {
    // A registry 300 ms away: the push takes seconds, long enough to be cancelled in the middle.
    const proxy = await startHttpProxy({ host: '127.0.0.1', port: 5000 }, undefined, 300);
    const repo = `${uniquePath('cancelled')}:1`;
    const tag = `${proxy.host}/${repo}`;
    let sigint = 0;
    let sigterm = 0;
    try {
      const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), tags: tag, push: 'true',
        platforms: 'linux/amd64,linux/arm64', 'retry-delay': '1', 'buildkit-image': BUILDKIT_IMAGE }, {
        onTick: (main) => {
          const pushing = proxy.requests.some((r) => r.method === 'PUT' || r.method === 'POST');
          if (!sigint && pushing) {
            sigint = Date.now();
            main.kill('SIGINT');
          } else if (sigint && !sigterm && Date.now() - sigint > 7500 && main.exitCode === null) {
            sigterm = Date.now();
            main.kill('SIGTERM');
          }
        },
      });
      expect(sigint).toBeGreaterThan(0);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain('SIGINT: the job is cancelled; stopping buildx');
      expect(errorLine(run)).toMatch(/not retried: the job was cancelled \(SIGINT\)/);
      expect(run.outputs.attempts).toBe('1');
      expect(run.buildxCalls.filter((c) => c[0] === 'build')).toHaveLength(1);
      console.log(`cancelled: the step ended ${((Date.now() - sigint) / 1000).toFixed(1)} s after SIGINT` +
        `${sigterm ? ' (it needed the SIGTERM)' : ''}`);
      expect(sigterm).toBe(0); // it ended on the SIGINT, before the runner's SIGTERM
      expect(buildxBuilds(repo)).toBe('');
      // Whatever the node still had in flight: a while later the tag does not exist.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect((await served(`127.0.0.1:5000/${repo}`)).status).toBe(404);
      expect(proxy.requests.filter((r) => r.method === 'PUT' && /\/manifests\/1$/.test(r.path))).toEqual([]);
      expect(run.post?.exitCode).toBe(0);
      expect(buildersLeft(run.env.DOCKER_CONFIG as string)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
