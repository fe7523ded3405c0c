// The one place that reads inputs: every value is parsed and validated once, into `Inputs`.
import { getInput } from '@actions/core';
import { InputError } from '../shared/errors.js';
import { splitLines, keyAndValue, splitKeyValue } from '../shared/lists.js';
import { check1, InputReader, type RawInputs } from './reader.js';
import * as rule from './rules.js';
import { isBooleanText } from '../shared/booleans.js';
import { csvFields } from '../shared/csv-attributes.js';
import { parseReference, referenceProblem } from '../shared/reference.js';
import { DEFAULT_CONTEXT, githubRun, type GithubRun } from '../shared/github-run.js';
import type { ParseYaml } from './node-specs.js';
import { parseReleaseInputs } from './release-inputs.js';
import { parseSigningInputs } from './signing-inputs.js';
import { parseBakeInputs } from './bake-inputs.js';
import { releasePin } from './release-pin.js';
import { parseFanOutInputs } from './fan-out-inputs.js';
import { parseBuilderInputs, parseQemuInputs } from './setup-inputs.js';
import { reportSettings } from './report-settings.js';
import { CACHE_MODES, type Inputs, type Secret } from '../shared/inputs-types.js';

export type { Inputs, RawInputs };

export function parseInputs(
  raw: RawInputs,
  env: NodeJS.ProcessEnv = process.env,
  parseYaml?: ParseYaml,
): Inputs {
  const r = new InputReader(raw);

  const github = githubRun(env);
  const context = contextInput(r.text('context'), github, 'context');
  const contextIsLocal = !context.includes(DEFAULT_CONTEXT) && !rule.isRemoteContext(context);
  if (contextIsLocal) check1('context', context, rule.pathExists('dir'));
  const file = r.optional('file', contextIsLocal ? rule.pathExists('file') : undefined);

  const platforms = r.platforms('platforms');

  const tags = r.list('tags', tagRule);
  const push = r.flag('push');
  const outputs = r.lines('outputs', rule.csvAttributes(false));
  // A bake's targets name their own tags.
  const bake = parseBakeInputs(r);
  if (push && !bake && tags.length === 0 && outputs.length === 0 && r.text('image') === '') {
    throw new InputError('tags', '', 'is empty, but push is true: name the image to push');
  }

  const idRule = rule.keyValue(rule.SECRET_ID, 'ID');
  const secrets = secretLines(r.split('secrets', splitLines, '(the value is not shown)'), idRule);
  const secretEnvs = r.pairs('secret-envs', idRule, envNameRule, true).map(([id, env]) => ({ id, env }));
  const secretFiles = r.pairs('secret-files', idRule, rule.pathExists('file')).map(([id, path]) => ({ id, path }));

  const inputs: Inputs = {
    ...(bake ? { bake } : {}),
    context,
    contextIsLocal,
    file,
    platforms,
    tags,
    push,
    load: r.flag('load'),
    buildArgs: r.lines('build-args', rule.keyValue(rule.BUILD_ARG, 'build arg name', true)),
    buildContexts: r.lines('build-contexts', rule.keyValue(rule.NAME, 'context name'))
      .map((c) => contextInput(c, github, 'build-contexts')),
    labels: r.lines('labels', rule.keyValue(rule.LABEL_KEY, 'label key')),
    annotations: r.lines('annotations', rule.keyValue(rule.LABEL_KEY, 'annotation key')),
    target: r.optional('target', rule.matches(rule.NAME, 'a build stage name')),
    secrets,
    secretEnvs,
    secretFiles,
    ssh: r.list('ssh', rule.matches(rule.SSH, 'default or ID[=PATH]')),
    cacheFrom: r.lines('cache-from', cacheRule),
    cacheTo: r.lines('cache-to', cacheRule),
    outputs,
    noCache: r.flag('no-cache'),
    noCacheFilters: r.list('no-cache-filters', rule.matches(rule.NAME, 'a build stage name')),
    pull: r.flag('pull'),
    provenance: r.optional('provenance', attestationRule),
    sbom: r.optional('sbom', attestationRule),
    attests: r.lines('attests', rule.csvAttributes(true)),
    addHosts: r.list('add-hosts', rule.matches(rule.ADD_HOST, 'of the form HOST:IP (or HOST:host-gateway)')),
    shmSize: r.optional('shm-size', rule.matches(rule.SIZE, 'a size such as 2g or 512m')),
    ulimit: r.lines('ulimit', rule.matches(rule.ULIMIT, 'of the form NAME=SOFT[:HARD]')),
    cgroupParent: r.optional('cgroup-parent', rule.matches(/^[^\s]+$/, 'a cgroup path')),
    call: r.optional('call', rule.matches(rule.CALL, 'build, check, outline or targets')),
    network: r.optional('network', rule.matches(rule.NETWORK, 'a network mode (default, none, host)')),
    allow: r.list('allow', rule.matches(rule.ALLOW, 'an entitlement (network.host, security.insecure)')),
    builder: r.optional('builder', rule.matches(rule.NAME, 'a builder name')),
    githubToken: r.optional('github-token'),
    retry: {
      retries: r.integer('retries', 0, 20),
      delaySeconds: r.integer('retry-delay', 0, 600),
      attemptTimeoutSeconds: r.optionalInteger('attempt-timeout', 1, 86_400),
    },
    buildxPin: releasePin(r, 'buildx-version', 'buildx-url', 'v0.29.1'),
    signing: parseSigningInputs(r),
    release: parseReleaseInputs(r, tags, r.text('builder') || undefined, bake !== undefined),
    fanOut: parseFanOutInputs(r, parseYaml),
    qemu: parseQemuInputs(r),
    setup: parseBuilderInputs(r, parseYaml),
    github,
    cache: { mode: r.oneOf('cache', CACHE_MODES), fanOutPlatforms: r.platforms('fan-out-platforms') },
    report: reportSettings(env),
  };
  return inputs;
}

const envNameRule: rule.Rule = (v) =>
  rule.ENV_NAME.test(v) ? undefined : 'is not a valid environment variable name';

/** Like `pairs`, but an error shows the line's ID at most, never a secret value. */
function secretLines(items: string[], idRule: rule.Rule): Secret[] {
  return items.map((item, i) => {
    const why = idRule(item);
    const id = splitKeyValue(item)?.[0];
    if (why !== undefined) {
      // docker's action warns and builds with the first line of an unquoted multi-line value;
      // here it is an error that says how to write it.
      const hint = i > 0 && !id ? ': a multi-line value must be quoted whole, as "ID=line 1\nline 2"' : '';
      throw new InputError('secrets', `line ${i + 1}${id ? ` (ID ${id})` : ''}`, `${why}${hint}`);
    }
    const [key, value] = keyAndValue(item);
    return { id: key, value };
  });
}

const tagRule: rule.Rule = (v) =>
  referenceProblem(v) ?? (parseReference(v).digest ? 'has a digest; a tag cannot' : undefined);

const cacheRule: rule.Rule = (v) =>
  v.includes('=') ? rule.csvAttributes(true)(v) : tagRule(v) && 'is neither type=... nor an image reference';

const attestationRule: rule.Rule = (v) =>
  isBooleanText(v) ? undefined : rule.csvAttributes(false)(v) ??
    (csvFields(v).every((f) => f.includes('=')) ? undefined : 'is not true, false or KEY=VALUE,...');

/**
 * The context as given, `{{defaultContext}}` kept for the build stage to expand (its form depends
 * on buildx); empty is the default Git context in a workflow, `.` elsewhere.
 */
function contextInput(value: string, github: GithubRun, input: string): string {
  if (value === '' && input === 'context') return github.git ? DEFAULT_CONTEXT : '.';
  if (value.includes(DEFAULT_CONTEXT) && !github.git) {
    throw new InputError(input, value, `uses ${DEFAULT_CONTEXT} outside a GitHub workflow`);
  }
  return value;
}

/**
 * The action's inputs, read from the runner (INPUT_* variables). The YAML parser is loaded only
 * when `nodes` is given: most runs never pay for it.
 */
export async function getInputs(): Promise<Inputs> {
  const yaml = getInput('nodes').trim() || getInput('runners').trim() ? await loadYaml() : undefined;
  return parseInputs((name) => getInput(name), process.env, yaml);
}

async function loadYaml(): Promise<ParseYaml> {
  return (await import('./lazy-yaml.js')).parseYaml;
}
