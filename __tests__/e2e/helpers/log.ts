// Reading the step's log as the runner shows it.
import type { StepResult } from './run-action.js';

/** The `::error::` line the step failed with ('' when it did not fail). */
export function errorLine(step: StepResult | string): string {
  const out = typeof step === 'string' ? step : step.stdout;
  return out.split('\n').find((l) => l.startsWith('::error::')) ?? '';
}

/** The warning annotations with a title the step made: Dockerfile checks. */
export function annotations(step: StepResult): string[] {
  return step.stdout.split('\n').filter((l) => l.startsWith('::warning title='));
}
