// The builder stage: use the builder named by `builder`, or create one (nodes, host network,
// config), boot it and gate on every node's status and on platform coverage.
import { info, warning } from '@actions/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFix } from '../shared/errors.js';
import { finalError } from '../buildx/final-error.js';
import { buildkitdConfig, hasSettings } from './buildkitd-config.js';
import { cachedImage } from '../runtime/cache-service.js';
import { bootBuilder } from './boot.js';
import { createCommands, nodesOf } from './create-argv.js';
import { localOnlyName } from './node-image.js';
import { describeNode, type BuilderReady, type NodeStatus } from '../buildx/inspect.js';
import { runBuildx, type Buildx } from '../buildx/command.js';
import type { Inputs } from '../shared/inputs-types.js';
import { saveBuilderToRemove, saveImageNameToRemove } from '../runtime/state.js';

export async function prepareBuilder(
  buildx: Buildx,
  inputs: Inputs,
  name: string,
  workDir: string,
): Promise<BuilderReady> {
  if (inputs.builder) return { name: inputs.builder, created: false, hostNetwork: false, nodes: [] };
  const setup = inputs.setup;
  info(`builder ${name}: ${setup.driver}, ${setup.nodes?.length ?? 1} node(s)`);
  if (setup.cleanup) saveBuilderToRemove(name);
  let configFile: string | undefined;
  if (setup.buildkitdConfigInline || hasSettings(setup.registry)) {
    configFile = join(workDir, 'buildkitd.toml');
    writeFileSync(configFile, buildkitdConfig(setup.registry, setup.buildkitdConfigInline));
  }
  if (setup.driver === 'remote' && (configFile || setup.buildkitdFlags || setup.nodes?.some((n) => n.buildkitdFlags))) {
    warning('buildx applies no buildkitd config or flags to remote nodes (registry-ca, insecure-registries, ' +
      'registry-mirrors, cache-keep-storage, buildkitd-*): configure those daemons themselves');
  }
  // The BuildKit image from the Actions cache, under a name buildx's own pull cannot reach: a warm
  // run asks no registry, and a slow or unreachable hub does not fail the boot (node-image.ts).
  let localImage: string | undefined;
  const cachedId = setup.driver === 'docker-container' ? await cachedImage(setup.buildkitImage) : undefined;
  if (cachedId) {
    localImage = await localOnlyName(cachedId, setup.buildkitImage);
    if (localImage) {
      saveImageNameToRemove(localImage);
      info(`${setup.buildkitImage}: local nodes start from the engine's copy, as ${localImage}`);
    }
  }
  // buildx saves a remote node at once, then waits up to 20 s to load one that does not answer: it
  // is asked to finish after 1 s (it then ends cleanly, the node saved), and the boot below bounds
  // and names a silent node instead.
  const finishAfterMs = setup.driver === 'remote' ? 1000 : undefined;
  for (const argv of createCommands(name, setup, configFile, localImage)) {
    const node = argv[argv.indexOf('--node') + 1];
    const res = await runBuildx(buildx, argv, { timeoutMs: 60_000, finishAfterMs });
    if (res.exitCode !== 0) throw new Error(`creating builder node ${node} failed: ${finalError(res.stderrTail)}`);
  }
  const state = await bootBuilder(buildx, name, {
    timeoutSeconds: setup.bootTimeoutSeconds,
    retries: setup.bootRetries,
    nodes: nodesOf(name, setup),
  });
  for (const n of state.nodes) info(describeNode(n));
  checkCoverage(inputs.platforms, state.nodes);
  return { name, created: true, hostNetwork: setup.hostNetwork, nodes: state.nodes };
}

/** Every requested platform must be served by a running node (natively or by its emulators). */
export function checkCoverage(platforms: readonly string[], nodes: readonly NodeStatus[]): void {
  const served = new Set(nodes.filter((n) => n.status === 'running').flatMap((n) => n.platforms));
  const missing = platforms.filter((p) => !served.has(p));
  if (missing.length > 0) {
    throw new Error(withFix(`no running builder node serves ${missing.join(', ')} (nodes serve ` +
      `${[...served].join(', ')})`, 'declare a node for it, or enable QEMU emulation for it (`qemu: true`)'));
  }
}

/** The `nodes` output: what each node reported. */
export function nodesOutput(nodes: readonly NodeStatus[]): string {
  return JSON.stringify(nodes.map((n) => ({
    name: n.name, endpoint: n.endpoint, status: n.status, platforms: n.platforms, buildkit: n.buildkitVersion ?? '',
  })));
}

/**
 * The node that builds each platform, as buildx picks it: a node declared for the platform, else
 * the first running node that serves it; the builder's name for a builder the action did not create.
 */
export function buildingNodes(builder: BuilderReady, platforms: readonly string[]): Record<string, string> {
  const running = builder.nodes.filter((n) => n.status === 'running');
  return Object.fromEntries(platforms.map((p) => [p, builder.created
    ? (running.find((n) => n.declaredPlatforms.includes(p)) ?? running.find((n) => n.platforms.includes(p)))?.name ?? '-'
    : builder.name]));
}
