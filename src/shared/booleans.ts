// The two grammars of yes and no: the action's boolean inputs, as docker's actions read them
// (true/false in three cases), and the environment switches buildx and docker's actions read with
// Go's strconv.ParseBool (1, t, T, true, TRUE, True).

const INPUT_BOOLEAN = /^(true|True|TRUE|false|False|FALSE)$/;

/** A boolean input's text (`true`, `False`, ...). */
export const isBooleanText = (v: string): boolean => INPUT_BOOLEAN.test(v);

/** The value of a boolean input's text. */
export const booleanValue = (v: string): boolean => /^true$/i.test(v);

const ENV_TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

/** An environment switch such as BUILDX_NO_DEFAULT_ATTESTATIONS, read as buildx reads it. */
export const envSwitch = (value: string | undefined): boolean => ENV_TRUE.has(value ?? '');
