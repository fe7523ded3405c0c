// The merge step of a bake's fan-out (`mode: merge` with the definition): each target's legs,
// recorded under its own repository, merged into one index for the target's tags, verified and
// signed, as the merge of one image. A target whose legs did not all record is not merged (none of
// its tags written) and fails the step, which also names the targets it merged.
import type { BakeResults, TargetResult } from '../report/outputs.js';
import { stage } from '../report/stage.js';
import { mergeIndex } from '../merge/merge.js';
import { reportChecks } from '../checks/checks.js';
import { registryClientFor } from '../registry/client.js';
import { registryQuestions } from '../registry/questions.js';
import { cacheServiceAvailable } from '../runtime/cache-service.js';
import { errorMessage } from '../shared/errors.js';
import type { CheckAnnotation } from '../shared/left-behind.js';
import { parseReference, repositoryOf } from '../shared/reference.js';
import { signPublished, verifySources } from '../signing/sign.js';
import type { BakeJob } from './bake.js';
import { platformsOf, readDefinition } from './definition.js';

export async function mergeTargets(job: BakeJob): Promise<BakeResults> {
  const { buildx, inputs, bake, trust, signal, signing, left } = job;
  if (!cacheServiceAvailable()) {
    throw new Error('mode merge of a bake: there is no Actions cache service to find the legs of this run in ' +
      '(each target\'s legs record their digests there)');
  }
  const definition = await stage('Bake definition', () => readDefinition(buildx, bake));
  const { restoreLegRecords } = await import('../merge/leg-records.js');
  const client = registryClientFor(trust);
  const checkSources = signing && inputs.signing.verifySources
    ? (pinned: string[]) => stage('Sources signed', () => verifySources(signing, pinned)) : undefined;
  const targets: Record<string, TargetResult> = {};
  const failed: string[] = [];
  const checks: CheckAnnotation[] = [];
  for (const [name, t] of Object.entries(definition.targets)) {
    const tags = t.tags ?? [];
    const platforms = t.platforms?.length ? t.platforms : inputs.platforms;
    try {
      const first = tags[0];
      if (!first) throw new Error('it names no tags to merge into');
      const repo = repositoryOf(parseReference(first));
      const legs = await stage(`Legs of ${name}`, () => restoreLegRecords(repo, platforms));
      checks.push(...legs.checks);
      const request = { tags, platforms, sources: legs.sources, annotations: inputs.annotations,
        retry: inputs.retry, env: trust.env, ask: registryQuestions(trust), signal,
        ...(checkSources ? { checkSources } : {}) };
      const merged = await stage(`Merge ${name}`, () => mergeIndex(buildx, request, client));
      const signed = signing && await stage(`Signing ${name}`, () =>
        signPublished(signing, tags, merged.digest, merged.digests));
      targets[name] = { ...merged, tags, platforms: Object.keys(merged.digests),
        ...(signed ? { signed } : {}) };
    } catch (error) {
      failed.push(`${name} (${errorMessage(error)})`);
    }
  }
  left.checks = reportChecks(checks, inputs.report); // the legs' checks, once for the run
  if (failed.length > 0) {
    const merged = Object.entries(targets).map(([n, r]) => `${n} ${r.digest}`);
    const all = Object.keys(definition.targets).length;
    throw new Error(`mode merge of a bake: ${failed.length} of ${all} targets ` +
      `not merged, none of their tags written: ${failed.join('; ')}` +
      (merged.length > 0 ? `; merged: ${merged.join(', ')}` : ''));
  }
  return { mode: 'bake', targets, platforms: platformsOf(definition), builder: '', nodes: '[]', nodeFor: {},
    emulated: [], attempts: [], pushed: true, left };
}
