// Registries that lie: an HTTP proxy in front of the loopback registry answers for one tag with
// another digest or another manifest. The action reads every name back and must notice: these are
// the checks that keep a wrong digest out of the outputs and a wrong index out of a release.
import { describe, expect, test } from 'vitest';
import { ARCH_DOCKERFILE, bedIsUp, makeContext, uniquePath } from './helpers/bed.js';
import { startHttpProxy } from './helpers/http-proxy.js';
import { errorLine } from './helpers/log.js';
import { runAction } from './helpers/run-action.js';

const OTHER = `sha256:${'e'.repeat(64)}`;
const ACCEPT = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

describe.skipIf(!bedIsUp())('a registry that lies', () => {
  test('the read-back: one pushed name serving another digest fails the step, naming it', async () => {
    const proxy = await startHttpProxy({ host: '127.0.0.1', port: 5000 }, (req) =>
      (req.method === 'HEAD' && /\/manifests\/latest$/.test(req.url ?? '') ? { status: 200,
        headers: { 'docker-content-digest': OTHER, 'content-type': 'application/vnd.oci.image.index.v1+json' } }
        : undefined));
    try {
      const repo = `${proxy.host}/${uniquePath('lying')}`;
      const run = await runAction({ context: makeContext(ARCH_DOCKERFILE), builder: 'default', push: 'true',
        platforms: 'linux/amd64,linux/arm64', tags: `${repo}:1,${repo}:latest` });
      expect(run.exitCode).toBe(1);
      expect(errorLine(run)).toMatch(new RegExp(`the registry serves sha256:[0-9a-f]{64} for ${repo}:1 but ` +
        `${OTHER} for ${repo}:latest`));
      expect(run.outputs.digest ?? '').toBe('');
    } finally {
      await proxy.close();
    }
  });

  test('the merge: a tag that serves another manifest after the merge fails it, naming the tag', async () => {
    const proxy = await startHttpProxy({ host: '127.0.0.1', port: 5000 });
    const repo = `${proxy.host}/${uniquePath('lying-merge')}`;
    try {
      const context = makeContext(ARCH_DOCKERFILE);
      for (const arch of ['amd64', 'arm64']) {
        const run = await runAction({ context, builder: 'default', platforms: `linux/${arch}`, provenance: 'false',
          tags: `${repo}:1.0-${arch}`, push: 'true' });
        expect(run.exitCode, run.stdout).toBe(0);
      }
      // Once the index is pushed, its tag answers with the amd64 image alone.
      const amd = await fetch(`http://127.0.0.1:5000/v2/${repo.slice(proxy.host.length + 1)}/manifests/1.0-amd64`,
        { headers: { accept: ACCEPT } });
      const body = Buffer.from(await amd.arrayBuffer());
      const headers = { 'content-type': amd.headers.get('content-type') ?? '',
        'docker-content-digest': amd.headers.get('docker-content-digest') ?? '' };
      let merged = false;
      const lying = await startHttpProxy({ host: '127.0.0.1', port: 5000 }, (req) => {
        if (req.method === 'PUT' && /\/manifests\/1\.0$/.test(req.url ?? '')) merged = true;
        return merged && req.method !== 'PUT' && /\/manifests\/1\.0$/.test(req.url ?? '')
          ? { status: 200, headers, body: req.method === 'HEAD' ? '' : body } : undefined;
      });
      try {
        const at = `${lying.host}/${repo.slice(proxy.host.length + 1)}`;
        const merge = await runAction({ mode: 'merge', tags: `${at}:1.0`, platforms: 'linux/amd64,linux/arm64',
          sources: `${at}:1.0-amd64\n${at}:1.0-arm64`, 'retry-delay': '1' });
        expect(merged).toBe(true);
        expect(merge.exitCode).toBe(1);
        expect(errorLine(merge)).toContain(`${at}:1.0 does not serve the merged platforms`);
        expect(merge.outputs.digest ?? '').toBe('');
      } finally {
        await lying.close();
      }
    } finally {
      await proxy.close();
    }
  });
});
