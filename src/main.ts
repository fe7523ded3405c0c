// The main step: orchestration only; every piece lives in its stage's folder.
import { setFailed, setOutput } from '@actions/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommand, pushesToRegistry } from './image-build/build-argv.js';
import { buildTarget } from './image-build/build-target.js';
import { imageId, readMetadata } from './image-build/metadata.js';
import { BuildError, runBuild } from './buildx/run-retried.js';
import { BootError } from './builder/boot.js';
import { buildingNodes, nodesOutput, prepareBuilder } from './builder/builder.js';
import { builderName } from './builder/create-argv.js';
import { forgetDownloads } from './builder/forget-download.js';
import { getInputs, type Inputs } from './inputs/inputs.js';
import { maskSecrets } from './inputs/mask.js';
import { mergeIndex } from './merge/merge.js';
import { mergeSources, recordLegForMerge, recordsForMerge } from './merge/sources.js';
import { preflight } from './preflight/preflight.js';
import { emulationFor, ensureQemu } from './qemu/qemu.js';
import { crashWatch } from './emulation/crash-watch.js';
import { checkAnnotations, reportChecks } from './checks/checks.js';
import { withBuildRecord } from './build-record/build-record.js';
import { chooseCache, reportCache, withCache } from './cache/cache.js';
import { CacheWatch } from './cache/cache-watch.js';
import { registryClientFor } from './registry/client.js';
import { registryTrust, type RegistryTrust } from './registry/trust.js';
import { registryQuestions } from './registry/questions.js';
import { readPushed } from './registry/pushed-image.js';
import { buildDescription, namesToReadBack } from './image-build/pushed-names.js';
import { logDiagnostics } from './report/diagnostics.js';
import {
  noticeEmulationTax, reportFailedAttempts, setOutputs, writeSummary,
  type BuildResults, type MergeResults, type PlanResults, type Results,
} from './report/outputs.js';
import type { BuildRecord, LeftBehind } from './shared/left-behind.js';
import { stage } from './report/stage.js';
import { locateBuildx, pinnedBuildx, type Buildx } from './buildx/command.js';
import { errorMessage, oneLine } from './shared/errors.js';
import { markMainStarted } from './runtime/state.js';
import { onCancel } from './runtime/cancel.js';
import { planLegs } from './fan-out/plan.js';
import { bakeTargets } from './bake/bake.js';
import { planBakeLegs } from './bake/bake-fan-out.js';
import { mergeTargets } from './bake/bake-merge.js';
import { locateCosign } from './cosign/command.js';
import { checkCosignFor, signingPlan } from './signing/plan.js';
import { withJobIdentity } from './signing/keyless.js';
import { signPublished, verifySources, type SigningContext } from './signing/sign.js';

export async function run(): Promise<void> {
  markMainStarted();
  const workDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'multiarch-build-'));
  let buildx = locateBuildx();
  let builder: string | undefined;
  const cancel = onCancel();
  const left: LeftBehind = {};
  try {
    const inputs = await getInputs();
    maskSecrets(inputs);
    const pin = inputs.buildxPin;
    if (pin) buildx = await stage('buildx', () => pinnedBuildx(pin));
    let results: Results;
    const trust = registryTrust(inputs.setup.registry, workDir);
    const signing = await signingFor(inputs, workDir, trust);
    const job: Job = { buildx, inputs, trust, workDir, signal: cancel.signal, signing, left };
    if (inputs.release.mode === 'plan') {
      const { bake } = inputs;
      results = bake ? await stage('Bake definition', () => planBakeLegs(buildx, inputs, bake)) : fanOut(inputs);
    } else if (inputs.release.mode === 'merge') {
      results = inputs.bake ? await mergeTargets({ ...job, bake: inputs.bake }) : await merge(job);
    }
    else if (inputs.bake) {
      builder = builderName(inputs.builder, process.env);
      results = await bakeTargets({ ...job, bake: inputs.bake }, builder);
    } else {
      builder = builderName(inputs.builder, process.env);
      results = await build(job, builder);
    }
    setOutputs(results);
    await writeSummary(results);
    noticeEmulationTax(results);
  } catch (error) {
    if (error instanceof BuildError) await reportFailedAttempts(error.attempts, left);
    if ((error instanceof BuildError || error instanceof BootError) && !cancel.signal.aborted) {
      await logDiagnostics(buildx, builder, error instanceof BuildError ? error.stderrTail : [],
        error instanceof BootError ? error.nodes : undefined);
    }
    setFailed(oneLine(errorMessage(error)));
  } finally {
    cancel.dispose();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * How this step signs, settled before anything is built: cosign found and able to use the
 * instance, keyless's token and identity had from the runner. `signed` is false until it is done.
 */
async function signingFor(inputs: Inputs, workDir: string, trust: RegistryTrust):
  Promise<SigningContext | undefined> {
  const planned = signingPlan(inputs.signing, inputs.github, process.env,
    inputs.release.mode === 'merge' || pushesToRegistry(inputs));
  if (!planned) return undefined;
  setOutput('signed', 'false');
  const cosign = await stage('cosign', () => locateCosign(inputs.signing.cosignPin));
  checkCosignFor(planned, cosign);
  const plan = planned.signer.kind === 'keyless'
    ? await stage('OIDC token', () => withJobIdentity(planned, inputs.signing.identity !== undefined)) : planned;
  return { cosign, plan, workDir, env: trust.env, insecure: inputs.setup.registry.insecure };
}

/** What every stage of this run may need. */
interface Job {
  buildx: Buildx;
  inputs: Inputs;
  trust: RegistryTrust;
  workDir: string;
  /** The job was cancelled. */
  signal: AbortSignal;
  /** How to sign what the step publishes; undefined signs nothing. */
  signing?: SigningContext;
  left: LeftBehind;
}

/** preflight -> QEMU -> builder -> build -> digests read back. */
async function build(job: Job, name: string): Promise<BuildResults> {
  const { buildx, inputs, trust, workDir, signal, signing, left } = job;
  const engine = await stage('Preflight', () => preflight(inputs, buildx));
  const emulate = emulationFor(inputs);
  const emulated = emulate.length === 0 ? [] : await stage('QEMU', () => ensureQemu(emulate, inputs.qemu.image));
  const builder = await stage('Builder', () => prepareBuilder(buildx, inputs, name, workDir));
  const metadataFile = join(workDir, 'metadata.json');
  const target = await buildTarget(buildx, inputs, builder, engine, trust.env);
  const pushes = pushesToRegistry(inputs);
  const cache = chooseCache(inputs, { buildkitGhaV2: !!target.buildkitGhaV2, pushes });
  const cacheWatch = new CacheWatch();
  const command = buildCommand(withCache(inputs, cache), metadataFile, process.env, target);
  const recorded = { request: { buildx, builder: builder.name, settings: inputs.report,
    ...(inputs.call ? { call: inputs.call } : {}) }, signal,
  keep: (r?: BuildRecord) => void (left.record = r), stage: <T>(run: () => Promise<T>) => stage('Build record', run) };
  const attempts = await withBuildRecord(recorded, () => stage('Build', () => runBuild(buildx, command, inputs.retry,
    { what: buildDescription(inputs), ask: registryQuestions(trust), signal,
      watches: [crashWatch(inputs.platforms, emulated, inputs.qemu.image), cacheWatch.watch],
      forgetDownload: forgetDownloads(builder, inputs.setup.driver) })));
  left.cache = reportCache(cache, cacheWatch.seen);

  const meta = readMetadata(metadataFile);
  const checks = checkAnnotations(meta.raw, inputs);
  left.checks = reportChecks(checks, inputs.report, recordsForMerge(inputs) ? 'the merge step' : undefined);
  const results: BuildResults = {
    mode: 'build', digest: meta.digest ?? '', digests: {}, platforms: inputs.platforms, tags: inputs.tags,
    imageid: imageId(meta), metadata: meta.raw, pushed: pushes, builder: builder.name,
    nodes: nodesOutput(builder.nodes), emulated, attempts, sizes: Promise.resolve({}),
    nodeFor: buildingNodes(builder, inputs.platforms), left,
  };
  if (!pushes) return results;
  const names = namesToReadBack(inputs, results.digest);
  const image = await stage('Digests', () => readPushed(names, registryClientFor(trust)));
  const signed = signing &&
    await stage('Signing', () => signPublished(signing, names, image.digest, image.digests, image.manifests));
  if (inputs.release.pushByDigest) await recordLegForMerge(inputs, names[0] ?? '', Object.keys(image.digests), checks);
  return { ...results, ...image, platforms: Object.keys(image.digests), ...(signed ? { signed } : {}) };
}

/** Sources resolved and checked -> one index for every tag -> every tag read back. */
async function merge({ buildx, inputs, trust, signal, signing, left }: Job): Promise<MergeResults> {
  const { sources, checks } = await mergeSources(inputs);
  left.checks = reportChecks(checks, inputs.report); // the legs' checks, once for the run
  const { tags, platforms, annotations, retry } = inputs;
  const checkSources = signing && inputs.signing.verifySources
    ? (pinned: string[]) => stage('Sources signed', () => verifySources(signing, pinned)) : undefined;
  const merged = await mergeIndex(buildx, { tags, platforms, sources, annotations, retry, env: trust.env,
    ask: registryQuestions(trust), signal, checkSources }, registryClientFor(trust));
  const signed = signing && await stage('Signing', () => signPublished(signing, tags, merged.digest, merged.digests));
  return { mode: 'merge', ...merged, platforms: Object.keys(merged.digests), tags: inputs.tags, left,
    ...(signed ? { signed } : {}) };
}

/** The legs of a fan-out: nothing runs. */
function fanOut(inputs: Inputs): PlanResults {
  const legs = planLegs(inputs.platforms, inputs.fanOut.runners, inputs.fanOut.groupByRunner);
  return { mode: 'plan', legs, digest: '', digests: {}, platforms: inputs.platforms, tags: [] };
}
