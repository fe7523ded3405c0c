// Reads raw inputs by name with the list rules and checks of input-rules; every failure is an
// InputError that names the input and the value.
import { InputError } from '../shared/errors.js';
import { ACTION_INPUTS } from './action-inputs.js';
import { keyAndValue, splitLines, splitLinesAndCommas, UnclosedQuoteError } from '../shared/lists.js';
import * as rule from './rules.js';
import { booleanValue } from '../shared/booleans.js';
import { PlatformListError, readPlatformList } from '../shared/platform.js';

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
    return checkAll(name, this.split(name, splitLines), check);
  }

  /** Items separated by newlines or commas. */
  list(name: string, check?: rule.Rule): string[] {
    return checkAll(name, this.split(name, splitLinesAndCommas), check);
  }

  /**
   * The items of a list input; a quote never closed is refused, as buildx refuses it. `shown` is
   * what the error line may show of the value (a secret's is not shown).
   */
  split(name: string, split: (raw: string) => string[], shown?: string): string[] {
    try {
      return split(this.raw(name));
    } catch (error) {
      if (!(error instanceof UnclosedQuoteError)) throw error;
      throw new InputError(name, shown ?? this.text(name), error.message);
    }
  }

  /**
   * Platforms, each parsed and normalized once, none twice; `keyword` may turn an item that is a
   * keyword of this input (qemu-platforms' `all`) into platforms.
   */
  platforms(name: string, keyword?: (item: string) => string[] | undefined): string[] {
    const items = this.split(name, splitLinesAndCommas).flatMap((item) => keyword?.(item) ?? [item]);
    try {
      return readPlatformList(items);
    } catch (error) {
      if (!(error instanceof PlatformListError)) throw error;
      throw new InputError(name, error.problem.startsWith('lists ') ? this.text(name) : error.item, error.problem);
    }
  }

  /**
   * `KEY=VALUE` items, one per line (or separated by commas too, with `commas`): `keyRule` checks
   * the item's form and key, `valueRule` the value.
   */
  pairs(name: string, keyRule: rule.Rule, valueRule?: rule.Rule, commas = false): [string, string][] {
    const items = commas ? this.list(name, keyRule) : this.lines(name, keyRule);
    return items.map((item) => {
      const [key, value] = keyAndValue(item);
      const why = valueRule?.(value.trim());
      if (why !== undefined) throw new InputError(name, item, `has a value that ${why}`);
      return [key, value.trim()];
    });
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
