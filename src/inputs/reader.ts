// Reads raw inputs by name with the list rules and checks of input-rules; every failure is an
// InputError that names the input and the value.
import { InputError } from '../shared/errors.js';
import { ACTION_INPUTS } from './action-inputs.js';
import { splitLines, splitLinesAndCommas } from '../shared/lists.js';
import * as rule from './rules.js';
import { booleanValue } from '../shared/booleans.js';

/** Reads a raw input by its action.yml name; '' when unset. */
export type RawInputs = (name: string) => string;

export class InputReader {
  constructor(private readonly given: RawInputs) {}

  /** The value as given, else action.yml's default (the runner passes those itself). */
  raw(name: string): string {
    const v = this.given(name);
    return v.trim() === '' ? ACTION_INPUTS[name] ?? '' : v;
  }

  text(name: string): string {
    return this.raw(name).trim();
  }

  optional(name: string, check?: rule.Rule): string | undefined {
    const v = this.text(name);
    if (v === '') return undefined;
    check1(name, v, check);
    return v;
  }

  flag(name: string): boolean {
    const v = this.text(name);
    if (v === '') return false;
    check1(name, v, rule.boolean);
    return booleanValue(v);
  }

  /** A whole number within [min, max]. */
  integer(name: string, min: number, max: number): number {
    const v = this.text(name);
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      throw new InputError(name, v, `is not a whole number from ${min} to ${max}`);
    }
    return n;
  }

  /** A whole number within [min, max], or undefined when neither given nor defaulted. */
  optionalInteger(name: string, min: number, max: number): number | undefined {
    return this.text(name) === '' ? undefined : this.integer(name, min, max);
  }

  oneOf<T extends string>(name: string, choices: readonly T[]): T {
    const v = this.text(name);
    if (!(choices as readonly string[]).includes(v)) throw new InputError(name, v, `is not one of ${choices.join(', ')}`);
    return v as T;
  }

  /** One item per line. */
  lines(name: string, check?: rule.Rule): string[] {
    return checkAll(name, splitLines(this.raw(name)), check);
  }

  /** Items separated by newlines or commas. */
  list(name: string, check?: rule.Rule): string[] {
    return checkAll(name, splitLinesAndCommas(this.raw(name)), check);
  }
}

export function check1(name: string, value: string, check?: rule.Rule): void {
  const why = check?.(value);
  if (why !== undefined) throw new InputError(name, value, why);
}

function checkAll(name: string, values: string[], check?: rule.Rule): string[] {
  for (const v of values) check1(name, v, check);
  return values;
}
