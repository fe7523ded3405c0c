// A bake: every target of a bake or compose file in one step, with the single image's guarantees.
// The definition read once (bake --print), the union of its targets' platforms decides QEMU and
// what the builder's live nodes must cover, one `buildx bake` retried as a build is, then each
// target read back from the registry by its own tags (and signed), reported per target.
import type { Buildx } from '../buildx/command.js';
import { BuildError, runBuild } from '../buildx/run-retried.js';
import { buildingNodes, nodesOutput, prepareBuilder } from '../builder/builder.js';
import { forgetDownloads } from '../builder/forget-download.js';
import { withBuildRecord } from '../build-record/build-record.js';
import { chooseCache } from '../cache/cache.js';
import { reportChecks } from '../checks/checks.js';
import { crashWatch } from '../emulation/crash-watch.js';
import { buildTarget } from '../image-build/build-target.js';
import { preflight } from '../preflight/preflight.js';
import { emulationFor, ensureQemu } from '../qemu/qemu.js';
import { registryClientFor } from '../registry/client.js';
import { readPushed } from '../registry/pushed-image.js';
import { registryQuestions } from '../registry/questions.js';
import type { RegistryTrust } from '../registry/trust.js';
import type { BakeResults, TargetResult } from '../report/outputs.js';
import { stage } from '../report/stage.js';
import type { BakeInputs, Inputs } from '../shared/inputs-types.js';
import type { BuildRecord, CheckAnnotation, LeftBehind } from '../shared/left-behind.js';
import { parseReference, repositoryOf } from '../shared/reference.js';
import { cacheServiceAvailable } from '../runtime/cache-service.js';
import { info } from '@actions/core';
import { signPublished, type SigningContext } from '../signing/sign.js';
import { bakeCommand } from './bake-argv.js';
import { metadataText, readBakeMetadata } from './bake-metadata.js';
import { bakeCheckAnnotations } from './bake-checks.js';
import { platformsOf, readDefinition } from './definition.js';
import { PushedTargets } from './pushed-targets.js';
import { join } from 'node:path';

export interface BakeJob {
  buildx: Buildx;
  inputs: Inputs;
  bake: BakeInputs;
  trust: RegistryTrust;
  workDir: string;
  signal: AbortSignal;
  signing?: SigningContext;
  left: LeftBehind;
}

/** A leg's target, recorded for the merge step of the run under its own repository. */
async function recordTargetLeg(repo: string, source: string, platforms: string[],
  checks: readonly CheckAnnotation[]): Promise<void> {
  if (!cacheServiceAvailable()) {
    info('push-by-digest: no Actions cache service here, so the digests are not recorded for a merge step');
    return;
  }
  const { saveLegRecords } = await import('../merge/leg-records.js');
  await saveLegRecords(repo, source, platforms, checks);
}

export async function bakeTargets(job: BakeJob, name: string): Promise<BakeResults> {
  const { buildx, inputs, bake, trust, workDir, signal, signing, left } = job;
  const definition = await stage('Bake definition', () => readDefinition(buildx, bake));
  const names = Object.keys(definition.targets);
  // A fan-out leg builds the platforms its plan gave it; else the union of the targets'.
  const platforms = inputs.release.pushByDigest ? inputs.platforms : platformsOf(definition);
  // Every stage below sees the union of the targets' platforms, as a build sees its own.
  const planned: Inputs = { ...inputs, platforms };
  const engine = await stage('Preflight', () => preflight(planned, buildx));
  const emulate = emulationFor(planned);
  const emulated = emulate.length === 0 ? [] : await stage('QEMU', () => ensureQemu(emulate, inputs.qemu.image));
  const builder = await stage('Builder', () => prepareBuilder(buildx, planned, name, workDir));
  const target = await buildTarget(buildx, planned, builder, engine, trust.env);
  const metadataFile = join(workDir, 'bake-metadata.json');
  // Each target its own cache (scope or reference by its repository and platforms), unless the
  // definition gives it one, or the step's cache-from/cache-to are given (then nothing is added).
  const caches = Object.fromEntries(names.map((t) => {
    const def = definition.targets[t] ?? {};
    const own = (def['cache-from'] ?? []).length > 0 || (def['cache-to'] ?? []).length > 0;
    const plan = chooseCache({ ...inputs, tags: def.tags ?? [], platforms: def.platforms ?? platforms,
      cacheFrom: own ? ['(the target\'s own)'] : inputs.cacheFrom },
    { buildkitGhaV2: !!target.buildkitGhaV2, pushes: inputs.push, of: t });
    return [t, { from: plan.from, to: plan.to }];
  }));
  // A fan-out leg: each target pushed by digest to its own repository, for the merge step.
  const repoOf = (t: string): string | undefined => {
    const tag = definition.targets[t]?.tags?.[0];
    return tag ? repositoryOf(parseReference(tag)) : undefined;
  };
  const byDigest = inputs.release.pushByDigest ? Object.fromEntries(names.flatMap((t) => {
    const r = repoOf(t);
    return r ? [[t, r]] : [];
  })) : undefined;
  const run = { metadataFile, workDir, caches, ...(byDigest ? { byDigest } : {}) };
  const command = bakeCommand(inputs, bake, run, target);
  const tagsOf = Object.fromEntries(names.map((t) => [t, definition.targets[t]?.tags ?? []]));
  const pushedTargets = new PushedTargets(tagsOf);
  const recorded = { request: { buildx, builder: builder.name, settings: inputs.report }, signal,
    keep: (r?: BuildRecord) => void (left.record = r), stage: <T>(run: () => Promise<T>) => stage('Build record', run) };
  const attempts = await withBuildRecord(recorded, () => stage('Bake', () => runBuild(buildx, command, inputs.retry,
    { what: `buildx bake (${names.join(', ')})`, ask: registryQuestions(trust), signal,
      watches: [crashWatch(platforms, emulated, inputs.qemu.image), pushedTargets.watch],
      forgetDownload: forgetDownloads(builder, inputs.setup.driver) })))
    .catch((error: unknown) => {
      // The failed target named, and what the others left in the registry.
      if (error instanceof BuildError) {
        throw new BuildError(pushedTargets.failureLine(error.message), error.attempts, error.stderrTail);
      }
      throw error;
    });
  const metadata = metadataText(metadataFile);
  const meta = readBakeMetadata(metadata, names);
  const checks = bakeCheckAnnotations(metadata, bake, Object.values(definition.targets),
    process.env.GITHUB_WORKSPACE || process.cwd());
  // A fan-out leg hands its annotations to the merge step, which makes each once for the run.
  left.checks = reportChecks(checks, inputs.report,
    inputs.release.pushByDigest && cacheServiceAvailable() ? 'the merge step' : undefined);
  const client = registryClientFor(trust);
  const targets: Record<string, TargetResult> = {};
  for (const t of names) {
    const tags = definition.targets[t]?.tags ?? [];
    const built = definition.targets[t]?.platforms ?? platforms;
    const repo = byDigest?.[t];
    if (repo) {
      const digest = meta[t]?.digest ?? '';
      const source = `${repo}@${digest}`;
      const image = await stage(`Digests of ${t}`, () => readPushed([source], client));
      const signed = signing && await stage(`Signing ${t}`, () =>
        signPublished(signing, [source], image.digest, image.digests, image.manifests));
      await recordTargetLeg(repo, `${repo}@${image.digest}`, Object.keys(image.digests), checks);
      targets[t] = { digest: image.digest, digests: image.digests, tags: [],
        platforms: Object.keys(image.digests), ...(signed ? { signed } : {}) };
      continue;
    }
    if (!inputs.push || tags.length === 0) {
      targets[t] = { digest: meta[t]?.digest ?? '', digests: {}, tags, platforms: built };
      continue;
    }
    const image = await stage(`Digests of ${t}`, () => readPushed(tags, client));
    const signed = signing && await stage(`Signing ${t}`, () =>
      signPublished(signing, tags, image.digest, image.digests, image.manifests));
    targets[t] = { digest: image.digest, digests: image.digests, tags, platforms: Object.keys(image.digests),
      ...(signed ? { signed } : {}) };
  }
  return { mode: 'bake', targets, platforms, builder: builder.name, nodes: nodesOutput(builder.nodes),
    nodeFor: buildingNodes(builder, platforms), emulated, attempts, pushed: inputs.push, left };
}
