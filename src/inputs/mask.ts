// Secret values are masked in the log before anything runs: the runner hides only what
// `::add-mask::` named, and it matches line by line, so each line of a multi-line secret too.
import { setSecret } from '@actions/core';
import type { Inputs } from './inputs.js';

export function secretValues(inputs: Inputs): string[] {
  const pemKey = inputs.signing.key?.startsWith('-----') ? inputs.signing.key : '';
  const values = [...inputs.secrets.map((s) => s.value), inputs.githubToken ?? '', pemKey].filter((v) => v !== '');
  const lines = values.flatMap((v) => v.split(/\r?\n/)).filter((l) => l.trim().length > 2);
  return [...new Set([...values, ...lines])];
}

export function maskSecrets(inputs: Inputs): void {
  for (const v of secretValues(inputs)) setSecret(v);
}
