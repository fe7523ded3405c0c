// The `--attest` flags, as docker/build-push-action forms them from `provenance`, `sbom` and
// `attests`: provenance carries the run's URL as its builder id (readers of SLSA provenance use
// it); with none asked for, a default provenance (max for a public repository, min and inline-only
// for a private one) unless BuildKit is older than 0.11, the image goes to the docker exporter,
// or BUILDX_NO_DEFAULT_ATTESTATIONS is set; the `provenance` and `sbom` inputs win over a line of
// the same type in `attests`.
import { csvAttributes, csvField, csvFields, csvJoin } from '../shared/csv-attributes.js';
import type { Inputs } from '../shared/inputs-types.js';
import { booleanValue, envSwitch, isBooleanText } from '../shared/booleans.js';

export interface AttestContext {
  /** Whether the builder's BuildKit can attach attestations (>= 0.11). */
  buildkitAttests: boolean;
  env: NodeJS.ProcessEnv;
}

const typeOf = (attest: string): string | undefined => csvAttributes(attest).get('type');

/** `true`/`false` fields become `disabled=false`/`disabled=true`, as buildx reads them. */
function resolveBooleans(attrs: string): string {
  return csvJoin(csvFields(attrs).map((f) => (isBooleanText(f) ? `disabled=${!booleanValue(f)}` : f)));
}

function withBuilderId(attrs: string, runUrl: string | undefined): string {
  if (!runUrl || csvAttributes(attrs).has('builder-id')) return attrs;
  const field = csvField(`builder-id=${runUrl}`);
  return attrs === '' ? field : `${attrs},${field}`;
}

/** The `provenance` input's attributes: `true` is the builder id alone, `false` stays `false`. */
function provenanceInput(value: string, runUrl: string | undefined): string {
  if (isBooleanText(value)) return booleanValue(value) ? withBuilderId('', runUrl) : 'false';
  return withBuilderId(value, runUrl);
}

const hasDockerExporter = (inputs: Inputs): boolean =>
  inputs.load || inputs.outputs.some((o) => typeOf(o) === 'docker');

export function attestArgs(inputs: Inputs, ctx: AttestContext): string[] {
  const runUrl = inputs.github.runUrl;
  const out: string[] = [];
  if (inputs.provenance !== undefined) {
    out.push(resolveBooleans(`type=provenance,${provenanceInput(inputs.provenance, runUrl)}`));
  } else if (ctx.buildkitAttests && defaultProvenanceWanted(inputs, ctx.env)) {
    const attrs = inputs.github.privateRepo ? 'mode=min,inline-only=true' : 'mode=max';
    out.push(`type=provenance,${withBuilderId(attrs, runUrl)}`);
  }
  if (inputs.sbom !== undefined) out.push(resolveBooleans(`type=sbom,${inputs.sbom}`));
  for (const attest of inputs.attests) {
    const type = typeOf(attest);
    if (type !== 'provenance' && type !== 'sbom') out.push(resolveBooleans(attest));
    else if (type === 'provenance' && inputs.provenance === undefined) out.push(withBuilderId(attest, runUrl));
    else if (type === 'sbom' && inputs.sbom === undefined) out.push(attest);
  }
  return out.flatMap((a) => ['--attest', a]);
}

/** Whether docker's action would add its default provenance, if the builder's BuildKit can. */
export function defaultProvenanceWanted(inputs: Inputs, env: NodeJS.ProcessEnv): boolean {
  // Outside a workflow run there is no builder id: buildx's own default stays.
  if (!inputs.github.runUrl || envSwitch(env.BUILDX_NO_DEFAULT_ATTESTATIONS)) return false;
  return inputs.provenance === undefined && !inputs.attests.some((a) => typeOf(a) === 'provenance') &&
    !hasDockerExporter(inputs);
}
