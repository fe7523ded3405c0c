// A fan-out of a bake (`mode: plan` with a bake definition): a leg per target and platform (or
// per runner), each on its runner as for one image, the target in the matrix. Each leg bakes its
// one target for its platforms and pushes by digest; the merge step merges every target.
import type { Buildx } from '../buildx/command.js';
import { planLegs } from '../fan-out/plan.js';
import type { PlanResults } from '../report/outputs.js';
import { slug } from '../runtime/slug.js';
import type { BakeInputs, Inputs } from '../shared/inputs-types.js';
import { platformsOf, readDefinition } from './definition.js';

export async function planBakeLegs(buildx: Buildx, inputs: Inputs, bake: BakeInputs): Promise<PlanResults> {
  const definition = await readDefinition(buildx, bake);
  const { runners, groupByRunner } = inputs.fanOut;
  const legs = Object.entries(definition.targets).flatMap(([target, t]) =>
    planLegs(t.platforms?.length ? t.platforms : inputs.platforms, runners, groupByRunner)
      .map((leg) => ({ ...leg, target, slug: slug(`${target}-${leg.slug}`) })));
  return { mode: 'plan', legs, digest: '', digests: {}, platforms: platformsOf(definition), tags: [] };
}
