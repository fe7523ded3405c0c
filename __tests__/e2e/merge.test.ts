// Matrix legs push by digest; the merge step assembles one index for every tag, verified, and
// never publishes a partial one.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { annotations, errorLine } from './helpers/log.js';
import {
  ARCH_DOCKERFILE, AUTH_LOGIN, AUTH_REGISTRY, CHECKED_DOCKERFILE, ENGINE_A_NODE, ENGINE_B_NODE, bedIsUp,
  makeContext, nodesYaml, uniqueRepo,
} from './helpers/bed.js';
import { served, servedPlatforms } from './helpers/registry.js';
import { startCacheService, type CacheService } from './helpers/cache-service.js';
import { lastBuild, runAction, type ActionRun } from './helpers/run-action.js';

const digestsOf = (run: ActionRun): Record<string, string> => JSON.parse(run.outputs.digests ?? '{}');

/**
 * One matrix leg: one platform on its own native node (engine A for amd64, engine B declared
 * arm64, as runners of each architecture would be), pushed by digest only.
 */
async function leg(
  repo: string,
  platform: string,
  context: string,
  env: Record<string, string> = {},
  extra: Record<string, string> = {},
  workspace?: string,
): Promise<ActionRun> {
  const endpoint = platform === 'linux/amd64' ? ENGINE_A_NODE : ENGINE_B_NODE;
  const run = await runAction({
    context, platforms: platform, tags: `${repo}:unused`, 'push-by-digest': 'true',
    driver: 'remote', nodes: nodesYaml([{ name: 'native', endpoint, platforms: platform }]), ...extra,
  }, { env, ...(workspace ? { workspace } : {}) });
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  return run;
}

describe.skipIf(!bedIsUp())('matrix legs and the merge step', () => {
  test('two legs by digest, merged into two tags: both serve exactly both platforms', async () => {
    const repo = uniqueRepo('matrix');
    const context = makeContext(ARCH_DOCKERFILE);
    const [amd, arm] = [await leg(repo, 'linux/amd64', context), await leg(repo, 'linux/arm64', context)];
    expect((await served(`${repo}:unused`)).status).toBe(404); // legs push no tag
    expect(lastBuild(amd)?.join(' ')).toContain('push-by-digest=true');
    expect(Object.keys(digestsOf(amd))).toEqual(['linux/amd64']);

    const tags = [`${repo}:1.0`, `${repo}:latest`];
    const merge = await runAction({
      mode: 'merge', tags: tags.join(','), platforms: 'linux/amd64,linux/arm64',
      sources: `${repo}@${amd.outputs.digest}\n${repo}@${arm.outputs.digest}`,
    });
    expect(merge.exitCode, merge.stdout + merge.stderr).toBe(0);
    const want = { ...digestsOf(amd), ...digestsOf(arm) };
    expect(digestsOf(merge)).toEqual(want);
    for (const tag of tags) {
      const index = await served(tag);
      expect(index.digest).toBe(merge.outputs.digest);
      expect(servedPlatforms(index)).toEqual(want);
    }
    // The legs' provenance attestations ride along.
    const index = await served(tags[0] as string);
    expect(index.json?.manifests?.filter((m) => m.platform?.os === 'unknown')).toHaveLength(2);
  });

  test('one leg missing: fails naming linux/arm64, and the tag never exists', async () => {
    const repo = uniqueRepo('partial');
    const amd = await leg(repo, 'linux/amd64', makeContext(ARCH_DOCKERFILE));
    const merge = await runAction({
      mode: 'merge', tags: `${repo}:1.0`, platforms: 'linux/amd64,linux/arm64', sources: `${repo}@${amd.outputs.digest}`,
    });
    expect(merge.exitCode).toBe(1);
    expect(errorLine(merge)).toContain('missing linux/arm64; nothing was pushed');
    expect(merge.buildxCalls).toEqual([]);
    expect((await served(`${repo}:1.0`)).status).toBe(404);
  });

  test("per-arch tags pushed by separate jobs become one manifest list", async () => {
    const repo = uniqueRepo('perarch');
    const context = makeContext(ARCH_DOCKERFILE);
    for (const arch of ['amd64', 'arm64']) {
      const run = await runAction({
        context, builder: 'default', platforms: `linux/${arch}`, tags: `${repo}:1.0-${arch}`, push: 'true',
        provenance: 'false',
      });
      expect(run.exitCode, run.stdout).toBe(0);
    }
    const merge = await runAction({
      mode: 'merge', tags: `${repo}:1.0`, platforms: 'linux/amd64,linux/arm64',
      sources: `${repo}:1.0-amd64\n${repo}:1.0-arm64`,
    });
    expect(merge.exitCode, merge.stdout + merge.stderr).toBe(0);
    const index = await served(`${repo}:1.0`);
    expect(servedPlatforms(index)).toEqual({
      'linux/amd64': (await served(`${repo}:1.0-amd64`)).digest,
      'linux/arm64': (await served(`${repo}:1.0-arm64`)).digest,
    });
  });

  test('a source for a platform twice, or one not expected, is refused', async () => {
    const repo = uniqueRepo('twice');
    const amd = await leg(repo, 'linux/amd64', makeContext(ARCH_DOCKERFILE));
    const other = await leg(repo, 'linux/amd64', makeContext(`${ARCH_DOCKERFILE}LABEL build=other\n`));
    const merge = await runAction({
      mode: 'merge', tags: `${repo}:1.0`, platforms: 'linux/arm64',
      sources: `${repo}@${amd.outputs.digest}\n${repo}@${other.outputs.digest}`,
    });
    expect(merge.exitCode).toBe(1);
    expect(errorLine(merge)).toMatch(/missing linux\/arm64; twice: linux\/amd64 .*; not expected: linux\/amd64/);
  });

  test('merged into two registries, one behind a login', async () => {
    const repo = uniqueRepo('tworeg');
    const context = makeContext(ARCH_DOCKERFILE);
    const [amd, arm] = [await leg(repo, 'linux/amd64', context), await leg(repo, 'linux/arm64', context)];
    const other = `${uniqueRepo('tworeg', AUTH_REGISTRY)}:1.0`;
    const dockerConfig = { auths: { [AUTH_REGISTRY]: { auth: Buffer.from(AUTH_LOGIN).toString('base64') } } };
    const merge = await runAction({
      mode: 'merge', tags: `${repo}:1.0\n${other}`, platforms: 'linux/amd64,linux/arm64',
      sources: `${repo}@${amd.outputs.digest}\n${repo}@${arm.outputs.digest}`,
    }, { dockerConfig });
    expect(merge.exitCode, merge.stdout + merge.stderr).toBe(0);
    expect((await served(`${repo}:1.0`)).digest).toBe(merge.outputs.digest);
    expect((await served(other, AUTH_LOGIN)).digest).toBe(merge.outputs.digest);
  });
});

describe.skipIf(!bedIsUp())('legs record their digests for the merge, through the Actions cache', () => {
  let cache: CacheService;
  beforeAll(async () => {
    cache = await startCacheService();
  });
  afterAll(async () => cache.close());
  const run = (attempt: number, id: string): Record<string, string> =>
    ({ ...cache.env, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: String(attempt) });

  test('the merge of a re-run finds the legs of the first attempt, and the newest record wins', async () => {
    const id = `${Date.now()}`;
    const repo = uniqueRepo('cached');
    const context = makeContext(`${ARCH_DOCKERFILE}ARG FLAVOUR\nRUN ["/bin/busybox", "sh", "-c", "echo $FLAVOUR > /flavour"]\n`);
    const amd = await leg(repo, 'linux/amd64', context, run(1, id));
    const arm = await leg(repo, 'linux/arm64', context, run(1, id));
    expect(amd.stdout).toContain('recorded linux/amd64');
    expect(cache.entries().filter((e) => e.finalized)).toHaveLength(2);

    const merge = await runAction({ mode: 'merge', tags: `${repo}:1.0`, platforms: 'linux/amd64,linux/arm64' },
      { env: run(2, id) });
    expect(merge.exitCode, merge.stdout + merge.stderr).toBe(0);
    expect(digestsOf(merge)).toEqual({ ...digestsOf(amd), ...digestsOf(arm) });
    expect(servedPlatforms(await served(`${repo}:1.0`))).toEqual({ ...digestsOf(amd), ...digestsOf(arm) });

    // arm64 re-run in attempt 2 with another build: the merge of attempt 3 takes that one.
    const arm2 = await leg(repo, 'linux/arm64', context, run(2, id), { 'build-args': 'FLAVOUR=second' });
    expect(digestsOf(arm2)['linux/arm64']).not.toBe(digestsOf(arm)['linux/arm64']);
    const merge3 = await runAction({ mode: 'merge', tags: `${repo}:1.1`, platforms: 'linux/amd64,linux/arm64' },
      { env: run(3, id) });
    expect(merge3.exitCode, merge3.stdout + merge3.stderr).toBe(0);
    expect(digestsOf(merge3)).toEqual({ ...digestsOf(amd), ...digestsOf(arm2) });
    expect(cache.calls).toContain('GetCacheEntryDownloadURL');
  });

  // Legs build the same Dockerfile: each warning is one annotation for the run, made by the merge.
  test("the legs' Dockerfile checks: annotated once for the run, by the merge step", async () => {
    const id = `${Date.now()}-checks`;
    const repo = uniqueRepo('cached-checks');
    const context = makeContext(CHECKED_DOCKERFILE);
    const legs = [await leg(repo, 'linux/amd64', context, run(1, id), {}, context),
      await leg(repo, 'linux/arm64', context, run(1, id), {}, context)];
    for (const l of legs) {
      expect(annotations(l)).toHaveLength(0);
      expect(l.stdout).toContain('Dockerfile checks: 2 warning(s), annotated once for the run by the merge step');
    }
    const merge = await runAction({ mode: 'merge', tags: `${repo}:1.0`, platforms: 'linux/amd64,linux/arm64' },
      { env: run(1, id) });
    expect(merge.exitCode, merge.stdout + merge.stderr).toBe(0);
    expect(annotations(merge).map((a) => /file=([^,]+),line=(\d+)::(\w+)/.exec(a)?.slice(1))).toEqual(
      [['Dockerfile', '1', 'FromAsCasing'], ['Dockerfile', '3', 'SecretsUsedInArgOrEnv']]);
    expect(merge.summary).toContain('Dockerfile checks: 2 warning(s), annotated on the Dockerfile');
  });

  test('a leg that never recorded: the merge fails naming its platform, and pushes nothing', async () => {
    const id = `${Date.now()}-partial`;
    const repo = uniqueRepo('cached-partial');
    await leg(repo, 'linux/amd64', makeContext(ARCH_DOCKERFILE), run(1, id));
    const merge = await runAction({ mode: 'merge', tags: `${repo}:1.0`, platforms: 'linux/amd64,linux/arm64' },
      { env: run(1, id) });
    expect(merge.exitCode).toBe(1);
    expect(errorLine(merge)).toContain('missing linux/arm64; nothing was pushed');
    expect((await served(`${repo}:1.0`)).status).toBe(404);
  });
});
