// Runs a reusable workflow's jobs in order the way the runner would, for what this project can
// check on the bed: job order by `needs` (a failed job skips the jobs that need it), a matrix from
// an expression, step `if`s, `with:` expressions (inputs, matrix, needs, steps, secrets, job,
// format, fromJSON, !, ==, !=, &&, ||), step and job outputs, the workflow's outputs. Steps that
// use this action (`./.multiarch-build`) run the built dist through runAction; other steps
// (checkout, login) are not run and are listed. It proves the workflow's inputs, outputs and job
// wiring, not GitHub's scheduler, its runner labels, or the actions it only names.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { runAction, type ActionRun, type RunOptions } from './run-action.js';

type Value = unknown;
type Context = Record<string, Value>;

/** Evaluates one expression (the text inside `${{ }}`). */
export function evaluate(expr: string, ctx: Context): Value {
  const tokens = expr.match(/'(?:[^']|'')*'|==|!=|&&|\|\||[!(),]|[A-Za-z_][\w.-]*(?:\[\d+\])?|\d+(?:\.\d+)?/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (t?: string): string => {
    const tok = tokens[i++];
    if (tok === undefined || (t !== undefined && tok !== t)) throw new Error(`expression ${expr}: expected ${t}`);
    return tok;
  };
  const truthy = (v: Value): boolean => v !== '' && v !== false && v !== null && v !== undefined && v !== 0;
  const primary = (): Value => {
    const t = take();
    if (t === '!') return !truthy(primary());
    if (t === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replaceAll("''", "'");
    if (/^\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') take(',');
      }
      take(')');
      if (t === 'fromJSON') return JSON.parse(String(args[0]));
      if (t === 'format') return String(args[0]).replace(/\{(\d+)\}/g, (_m, n: string) => String(args[Number(n) + 1]));
      throw new Error(`expression ${expr}: no function ${t}`);
    }
    return t.split('.').reduce<Value>((o, k) => (o as Context | undefined)?.[k], ctx);
  };
  const equality = (): Value => {
    let v = primary();
    while (peek() === '==' || peek() === '!=') {
      const op = take();
      const w = primary();
      v = op === '==' ? String(v) === String(w) : String(v) !== String(w);
    }
    return v;
  };
  const and = (): Value => {
    let v = equality();
    while (peek() === '&&') {
      take();
      const w = equality();
      v = truthy(v) ? w : v;
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (peek() === '||') {
      take();
      const w = and();
      v = truthy(v) ? v : w;
    }
    return v;
  };
  const v = or();
  if (i !== tokens.length) throw new Error(`expression ${expr}: unexpected ${tokens[i]}`);
  return v;
}

/** A value with `${{ }}` in it: the expression's own value when it is all of it, else text. */
export function expand(value: Value, ctx: Context): Value {
  if (typeof value !== 'string') return value;
  const whole = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(value);
  if (whole && !whole[1]?.includes('}}')) return evaluate(whole[1] ?? '', ctx);
  return value.replace(/\$\{\{(.*?)\}\}/gs, (_m, e: string) => String(evaluate(e, ctx) ?? ''));
}

/** What the runner puts where an expression stood: a missing value (an unset secret) is ''. */
const text = (v: Value): string => (v === undefined || v === null ? '' : String(v));

/** A mapping (`with:`, `env:`, `outputs:`) with its expressions expanded. */
const texts = (m: Record<string, Value> | undefined, ctx: Context): Record<string, string> =>
  Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, text(expand(v, ctx))]));

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, Value>;
  env?: Record<string, Value>;
}
interface Job {
  needs?: string | string[];
  'runs-on'?: Value;
  strategy?: { matrix?: Value };
  outputs?: Record<string, string>;
  steps: Step[];
}

export interface WorkflowRun {
  /** The workflow's outputs (`on.workflow_call.outputs`). */
  outputs: Record<string, string>;
  /** Each job's result. */
  results: Record<string, 'success' | 'failure' | 'skipped'>;
  /** Every run of this action: job, the matrix entry, runs-on, the run. */
  actionRuns: { job: string; matrix?: Record<string, Value>; runsOn: Value; run: ActionRun }[];
  /** Steps named but not run (actions other than this one, shell steps). */
  notRun: string[];
}

export interface RunnerOptions {
  inputs: Record<string, Value>;
  secrets?: Record<string, string>;
  /** job.* and github.* as the runner gives them. */
  job?: Record<string, string>;
  github?: Record<string, string>;
  /** How each action run is run (its env, workspace): for a job's runs-on and matrix entry. */
  runOptions: (runsOn: Value, job: string) => RunOptions;
  /** Inputs the bed adds to every action step (e.g. the BuildKit image standing in for the hub's). */
  extraInputs?: Record<string, string>;
}

export async function runWorkflow(file: string, opts: RunnerOptions): Promise<WorkflowRun> {
  const doc = parse(readFileSync(file, 'utf8')) as {
    on: { workflow_call: {
      inputs?: Record<string, { default?: Value }>;
      outputs?: Record<string, { value: string }>;
    } };
    jobs: Record<string, Job>;
  };
  const call = doc.on.workflow_call;
  const inputs: Context = Object.fromEntries(Object.entries(call.inputs ?? {}).map(([k, v]) => [k, v.default ?? '']));
  Object.assign(inputs, opts.inputs);
  const base: Context = { inputs, secrets: opts.secrets ?? {}, github: opts.github ?? {},
    job: opts.job ?? {} };
  const results: WorkflowRun['results'] = {};
  const jobOutputs: Record<string, Record<string, string>> = {};
  const actionRuns: WorkflowRun['actionRuns'] = [];
  const notRun: string[] = [];
  const pending = Object.keys(doc.jobs);
  while (pending.length > 0) {
    const ready = (j: string): boolean =>
      [doc.jobs[j]?.needs ?? []].flat().every((n) => results[n] !== undefined);
    const name = pending.find(ready);
    if (!name) throw new Error(`jobs wait on each other: ${pending.join(', ')}`);
    pending.splice(pending.indexOf(name), 1);
    const job = doc.jobs[name] as Job;
    const needs = [job.needs ?? []].flat();
    if (needs.some((n) => results[n] !== 'success')) {
      results[name] = 'skipped';
      continue;
    }
    const ctx: Context = { ...base,
      needs: Object.fromEntries(needs.map((n) => [n, { outputs: jobOutputs[n] ?? {} }])) };
    const matrix = job.strategy?.matrix === undefined ? undefined : expand(job.strategy.matrix, ctx) as
      { include: Record<string, Value>[] };
    let ok = true;
    for (const entry of matrix ? matrix.include : [undefined]) {
      const jctx: Context = { ...ctx, matrix: entry ?? {}, steps: {} };
      const runsOn = expand(job['runs-on'], jctx);
      for (const step of job.steps) {
        if (step.if !== undefined && !evaluate(step.if.replace(/^\s*\$\{\{|\}\}\s*$/g, ''), jctx)) continue;
        if (step.uses !== './.multiarch-build') {
          notRun.push(`${name}: ${step.uses ?? 'run'}`);
          continue;
        }
        const withs = texts(step.with, jctx);
        const env = texts(step.env, jctx);
        const runOpts = opts.runOptions(runsOn, name);
        const run = await runAction({ ...opts.extraInputs, ...withs },
          { ...runOpts, env: { ...runOpts.env, ...env } });
        actionRuns.push({ job: name, ...(entry ? { matrix: entry } : {}), runsOn, run });
        if (step.id) (jctx.steps as Context)[step.id] = { outputs: run.outputs };
        if (run.exitCode !== 0) {
          ok = false;
          break;
        }
      }
      jobOutputs[name] = texts(job.outputs, jctx);
      if (!ok) break;
    }
    results[name] = ok ? 'success' : 'failure';
  }
  const outputs = Object.fromEntries(Object.entries(call.outputs ?? {}).map(([k, v]) =>
    [k, text(expand(v.value, { ...base, jobs: Object.fromEntries(Object.entries(jobOutputs)
      .map(([j, o]) => [j, { outputs: o }])) }))]));
  return { outputs, results, actionRuns, notRun };
}
