// Every input action.yml declares, with its default ('' for none). action.yml is the one source:
// the build puts it in as a string constant (scripts/action-inputs.mjs), so no default is written
// twice. The runner passes defaults itself; the CLI and tests get them from here.
declare const __ACTION_INPUTS__: string;

export const ACTION_INPUTS = JSON.parse(__ACTION_INPUTS__) as Readonly<Record<string, string>>;

export const INPUT_NAMES: readonly string[] = Object.keys(ACTION_INPUTS);
