// `buildx bake` argv, next to build's (image-build/build-argv.ts) and from the same inputs where
// they mean the same: the definition's files, `--set` overrides and targets; the host network
// granted to every target on a builder the action created (`--allow network.host`, and each
// target's RUN steps on it) and each target's cache (`cache: auto`), through one more bake file
// the action writes, `{"target": {NAME: {"network": "host", "cache-from": [...]}}}` (bake's `--set`
// cannot set a target's network); attestations as build makes them; push; one metadata file with
// every target's digest. The `platforms` input is not applied: the runner passes its default
// (linux/amd64,linux/arm64) as if given, so it cannot tell an override; the definition's
// platforms hold, and `set: *.platform=...` overrides them, as with docker/bake-action.
import type { BuildxCommand } from '../buildx/run-retried.js';
import { attestArgs } from '../image-build/attestations.js';
import type { BuildTarget } from '../image-build/build-argv.js';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BakeInputs, Inputs } from '../shared/inputs-types.js';
import { definitionArgs } from './definition.js';

/** The files buildx reads when given none, in its order (buildx bake's defaults). */
export const BAKE_DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml',
  'docker-bake.json', 'docker-bake.hcl', 'docker-bake.override.json', 'docker-bake.override.hcl'];

/** What the action adds to a target: its RUN steps' network, the cache it reads and writes. */
export interface TargetAdditions {
  network?: string;
  /** A fan-out leg: none (the merge tags), and the repository pushed to by digest. */
  tags?: string[];
  output?: string[];
  'cache-from'?: string[];
  'cache-to'?: string[];
}

/**
 * The bake file of what the action adds to each target (bake's `--set` cannot set a target's
 * network), written to `dir`; none when nothing is added. A file given to bake turns its default
 * files off, so those that exist are named before it.
 */
export function additionsFile(bake: BakeInputs, additions: Record<string, TargetAdditions>, dir: string):
  string[] {
  const entries = Object.entries(additions).filter(([, a]) => Object.keys(a).length > 0);
  if (entries.length === 0) return [];
  const file = join(dir, 'multiarch-build.bake.json');
  writeFileSync(file, JSON.stringify({ target: Object.fromEntries(entries) }));
  const defaults = bake.files.length > 0 ? []
    : BAKE_DEFAULT_FILES.filter((f) => existsSync(join(bake.workdir, f)));
  return [...defaults, file].flatMap((f) => ['--file', f]);
}

/** Where the command's own files go, and what the action adds to each target. */
export interface BakeRun {
  metadataFile: string;
  workDir: string;
  /** Target -> the cache plan's flags (none for a target with a cache of its own). */
  caches: Record<string, { from: string[]; to: string[] }>;
  /** A fan-out leg: target -> the repository it pushes to by digest. */
  byDigest?: Record<string, string>;
}

export function bakeCommand(
  inputs: Inputs,
  bake: BakeInputs,
  run: BakeRun,
  target: BuildTarget,
  env: NodeJS.ProcessEnv = process.env,
): BuildxCommand {
  const network = inputs.network ?? (target.hostNetwork ? 'host' : undefined);
  const additions = Object.fromEntries(Object.entries(run.caches).map(
    ([t, c]): [string, TargetAdditions] => [t, {
    ...(network ? { network } : {}),
    ...(run.byDigest?.[t] ? { tags: [], output: [`type=image,name=${run.byDigest[t]},push-by-digest=true,` +
      'name-canonical=true,push=true'] } : {}),
    ...(c.from.length > 0 ? { 'cache-from': c.from } : {}), ...(c.to.length > 0 ? { 'cache-to': c.to } : {}),
  }]));
  // A remote definition (`source`) takes no local file: its targets' own networks and caches hold.
  const argv = ['bake', ...definitionArgs(bake), ...(bake.source ? [] : additionsFile(bake, additions, run.workDir))];
  const set = (value: string): void => void argv.push('--set', value);
  const allow = [...inputs.allow];
  if (target.hostNetwork && network === 'host' && !allow.includes('network.host')) allow.push('network.host');
  for (const a of allow) argv.push('--allow', a);
  const attests = attestArgs(inputs, { buildkitAttests: target.buildkitAttests ?? false, env });
  for (let i = 1; i < attests.length; i += 2) set(`*.attest=${attests[i] ?? ''}`);
  if (target.name) argv.push('--builder', target.name);
  argv.push('--metadata-file', run.metadataFile);
  if (inputs.noCache) argv.push('--no-cache');
  if (inputs.pull) argv.push('--pull');
  // A fan-out leg builds the platforms its plan gave it, and pushes by digest (its output above).
  if (run.byDigest) set(`*.platform=${inputs.platforms.join(',')}`);
  else if (inputs.push) argv.push('--push');
  else if (inputs.load) argv.push('--load');
  argv.push(...bake.targets);
  // The checks' warnings in the metadata file, as for build.
  return { argv, env: { ...target.env, BUILDX_METADATA_WARNINGS: 'true' }, cwd: bake.workdir };
}
