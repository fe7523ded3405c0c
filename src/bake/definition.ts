// The one reader of a bake definition: buildx's own `bake --print` (its JSON: every target with
// inherits, variables, `--set` and compose resolved), never HCL or YAML parsed here. An unknown
// target is named with the targets the files define; a syntax error shows buildx's line, file and
// line number; neither starts a build.
import { runBuildx, type Buildx } from '../buildx/command.js';
import { finalError } from '../buildx/final-error.js';
import { InputError } from '../shared/errors.js';
import type { BakeInputs } from '../shared/inputs-types.js';

/** A target as `bake --print` resolves it (the fields this action reads). */
export interface BakeTarget {
  context?: string;
  dockerfile?: string;
  tags?: string[];
  platforms?: string[];
  output?: (string | Record<string, string>)[];
  'cache-from'?: unknown[];
  'cache-to'?: unknown[];
}

export interface BakeDefinition {
  /** The targets this bake builds, by name, as resolved. */
  targets: Record<string, BakeTarget>;
}

/** The files, `--set` overrides and the source, as every bake command of the step gives them. */
export function definitionArgs(bake: BakeInputs): string[] {
  return [...(bake.source ? [bake.source] : []), ...bake.files.flatMap((f) => ['--file', f]),
    ...bake.set.flatMap((s) => ['--set', s])];
}

/** The input an error names: the targets when one is unknown, else the files (or the source). */
function namedInput(bake: BakeInputs): [string, string] {
  if (bake.source) return ['source', bake.source];
  return ['files', bake.files.join(',') || '(buildx\'s default file names)'];
}

/** buildx's final error of a failed bake command (final-error.ts), without its `ERROR:`. */
export const bakeError = (stderr: readonly string[]): string => finalError(stderr).replace(/^ERROR:\s*/, '');

export async function readDefinition(buildx: Buildx, bake: BakeInputs, env: NodeJS.ProcessEnv = process.env):
  Promise<BakeDefinition> {
  const res = await runBuildx(buildx, ['bake', '--print', ...definitionArgs(bake), ...bake.targets],
    { env, cwd: bake.workdir, timeoutMs: 120_000 });
  if (res.exitCode !== 0) {
    const why = bakeError(res.stderrTail);
    const unknown = /^failed to find target (\S+)/.exec(why);
    if (unknown) {
      const defined = await listTargets(buildx, bake, env);
      const it = defined ? `; it defines ${defined}` : '';
      if (bake.targets.length === 0) {
        throw new InputError('targets', '', `is empty, and the bake definition has no \`default\` group: name the ` +
          `targets to build${it}`);
      }
      throw new InputError('targets', unknown[1] ?? '', `is not a target or group of the bake definition${it}`);
    }
    const [name, value] = namedInput(bake);
    throw new InputError(name, value, `is not a bake definition buildx can read: ${why}`);
  }
  let parsed: { target?: Record<string, BakeTarget> };
  try {
    parsed = JSON.parse(res.stdout) as typeof parsed;
  } catch {
    throw new Error(`buildx bake --print did not print JSON: ${res.stdout.slice(0, 200)}`);
  }
  const targets = parsed.target ?? {};
  if (Object.keys(targets).length === 0) {
    const [name, value] = namedInput(bake);
    throw new InputError(name, value, 'defines no target to build (no `default` group, and no targets given)');
  }
  return { targets };
}

/** "app, migrate, worker (groups: default)", from `bake --list`; undefined when buildx cannot list. */
async function listTargets(buildx: Buildx, bake: BakeInputs, env: NodeJS.ProcessEnv):
  Promise<string | undefined> {
  const res = await runBuildx(buildx, ['bake', '--list', 'type=targets,format=json', ...definitionArgs(bake)],
    { env, cwd: bake.workdir, timeoutMs: 60_000 });
  if (res.exitCode !== 0) return undefined;
  try {
    const entries = JSON.parse(res.stdout) as { name: string; group?: boolean }[];
    const names = (group: boolean): string[] =>
      entries.filter((e) => Boolean(e.group) === group).map((e) => e.name);
    const groups = names(true);
    return names(false).join(', ') + (groups.length > 0 ? ` (groups: ${groups.join(', ')})` : '');
  } catch {
    return undefined;
  }
}

/** Every platform some target builds: what QEMU and the builder's nodes must cover. */
export function platformsOf(definition: BakeDefinition): string[] {
  return [...new Set(Object.values(definition.targets).flatMap((t) => t.platforms ?? []))];
}
