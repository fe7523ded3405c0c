// The main step: orchestration only; every piece lives in its own module.
import { info, setFailed, setSecret } from '@actions/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommand, pushesToRegistry } from './build/build-argv.js';
import { BuildError, runBuild } from './build/run-build.js';
import { BootError } from './builder/boot.js';
import { cacheServiceAvailable } from './runtime/cache-service.js';
import { builderFor, buildingNodes, nodesOutput, prepareBuilder } from './builder/builder.js';
import { locateBuildx, type Buildx } from './runtime/buildx-command.js';
import { logDiagnostics } from './report/diagnostics.js';
import { errorMessage, oneLine } from './runtime/errors.js';
import { getInputs, type Inputs } from './inputs/inputs.js';
import { mergeIndex } from './merge/merge.js';
import { imageId, readMetadata } from './build/metadata.js';
import { reportFailedAttempts, setOutputs, writeSummary, type Results } from './report/outputs.js';
import { preflight } from './preflight/preflight.js';
import { pushedNames, readPushed } from './registry/pushed-image.js';
import { ensureQemu, platformsToEmulate } from './qemu/qemu.js';
import { RegistryClient } from './registry/client.js';
import { readDockerConfig } from './registry/credentials.js';
import { trustFrom } from './registry/trust.js';
import { stage } from './report/stage.js';
import { markMainStarted, saveBuildxPath } from './state.js';

export async function run(): Promise<void> {
  markMainStarted();
  const workDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'multiarch-build-'));
  let buildx = locateBuildx();
  let builderName: string | undefined;
  try {
    const inputs = await getInputs();
    maskSecrets(inputs);
    if (inputs.buildxPin) buildx = await stage('buildx', () => pinnedBuildx(inputs));
    let results: Results;
    if (inputs.release.mode === 'merge') results = await merge(buildx, inputs);
    else {
      builderName = builderFor(inputs);
      results = await build(buildx, inputs, builderName, workDir);
    }
    setOutputs(results);
    await writeSummary(results);
  } catch (error) {
    if (error instanceof BuildError) await reportFailedAttempts(error.attempts);
    if (error instanceof BuildError || error instanceof BootError) {
      await logDiagnostics(buildx, builderName, error instanceof BuildError ? error.stderrTail : []);
    }
    setFailed(oneLine(errorMessage(error)));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** preflight -> QEMU -> builder -> build -> digests read back. */
async function build(buildx: Buildx, inputs: Inputs, builderName: string, workDir: string): Promise<Results> {
  await stage('Preflight', () => preflight(inputs, buildx));
  const emulate = platformsToEmulate(inputs.qemu, inputs.platforms, nativePlatforms(inputs), inputs.builder);
  const emulated = emulate.length === 0 ? [] : await stage('QEMU', () => ensureQemu(emulate, inputs.qemu.image));
  const builder = await stage('Builder', () => prepareBuilder(buildx, inputs, builderName, workDir));
  const metadataFile = join(workDir, 'metadata.json');
  const target = { builder: builder.name, hostNetwork: builder.created && inputs.setup.hostNetwork };
  const command = buildCommand(inputs, metadataFile, process.env, target);
  const attempts = await stage('Build', () => runBuild(buildx, command, inputs.retry));

  const meta = readMetadata(metadataFile);
  const pushed = pushesToRegistry(inputs);
  const base = {
    imageid: imageId(meta), metadata: meta.raw, tags: inputs.tags, pushed, builder: builder.name,
    nodes: nodesOutput(builder.nodes), emulated, attempts, nodeFor: buildingNodes(builder, inputs.platforms),
  };
  if (!pushed) return { ...base, digest: meta.digest ?? '', digests: {}, sizes: {}, platforms: inputs.platforms };
  const names = inputs.release.pushByDigest
    ? inputs.release.repositories.map((repo) => `${repo}@${meta.digest ?? ''}`)
    : pushedNames(inputs.tags, inputs.outputs);
  const image = await stage('Digests', () => readPushed(names, registryClient(inputs)));
  if (inputs.release.pushByDigest) await recordLeg(inputs, names[0] as string, Object.keys(image.digests));
  return { ...base, ...image, platforms: Object.keys(image.digests) };
}

/** A leg's digests, for the merge step of the same run (through the Actions cache). */
async function recordLeg(inputs: Inputs, source: string, platforms: string[]): Promise<void> {
  if (!cacheServiceAvailable()) {
    info('push-by-digest: no Actions cache service here, so the digests are not recorded for a merge step');
    return;
  }
  const { recordLeg: record } = await import('./merge/leg-records.js');
  await record(inputs.release.repositories[0] as string, source, platforms);
}

/** Sources resolved and checked -> one index for every tag -> every tag read back. */
async function merge(buildx: Buildx, inputs: Inputs): Promise<Results> {
  let sources = inputs.release.sources;
  if (sources.length === 0) {
    if (!cacheServiceAvailable()) {
      throw new Error('mode merge: `sources` is empty and there is no Actions cache service to find the legs ' +
        'of this run in: give `sources` (repo@sha256:… or per-arch tags)');
    }
    const { restoreLegs } = await import('./merge/leg-records.js');
    sources = await restoreLegs(inputs.release.repositories[0] as string, inputs.platforms);
  }
  const merged = await mergeIndex(buildx, {
    tags: inputs.tags, platforms: inputs.platforms, sources,
    annotations: inputs.annotations, retry: inputs.retry,
  }, registryClient(inputs));
  return {
    ...merged, platforms: Object.keys(merged.digests), imageid: merged.digest, metadata: '{}', tags: inputs.tags,
    pushed: true, builder: '', nodes: '[]', emulated: [], attempts: [], sizes: {}, nodeFor: {},
  };
}

/** The pinned release, downloaded and verified (or found in the tool cache); run standalone. */
async function pinnedBuildx(inputs: Inputs): Promise<Buildx> {
  const { version, urlTemplate } = inputs.buildxPin as { version: string; urlTemplate: string };
  const { installBuildx } = await import('./runtime/buildx-install.js');
  const file = await installBuildx(version, urlTemplate);
  saveBuildxPath(file);
  info(`buildx ${version}: ${file}`);
  return { file, prefix: [] };
}

function registryClient(inputs: Inputs): RegistryClient {
  const { ca, insecure } = inputs.setup.registry;
  return new RegistryClient(readDockerConfig(), trustFrom(ca, insecure));
}

/** Platforms a node of the builder the action creates builds natively (the first it declares). */
function nativePlatforms(inputs: Inputs): string[] {
  if (inputs.builder) return [];
  return (inputs.setup.nodes ?? []).flatMap((n) => n.platforms.slice(0, 1));
}

function maskSecrets(inputs: Inputs): void {
  const values = [...inputs.secrets.map((s) => s.value), inputs.githubToken ?? ''];
  for (const v of values) {
    if (v === '') continue;
    setSecret(v);
    // The runner masks line by line in its log; mask each line of a multi-line secret too.
    for (const line of v.split(/\r?\n/)) if (line.trim().length > 2) setSecret(line);
  }
}
