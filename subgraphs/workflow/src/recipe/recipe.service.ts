import { OusState } from '../ous/ous-state.js';
import type { Recipe } from '../ous/ous-state-machine.js';
import type { OusService } from '../ous/ous.service.js';
import { pick } from '../random/draw.js';

export const BATCH_HELPER = { system: 'batch-helper' } as const;

/** How often the batch helper picks each recipe: mostly Pipeline*, sometimes manual calibration. */
export const RECIPE_WEIGHTS: readonly (readonly [Recipe, number])[] = [
  ['PipelineCalibration', 40],
  ['PipelineCalAndImg', 20],
  ['PipelineImaging', 15],
  ['PipelineSingleDish', 8],
  ['PipelineCombination', 7],
  ['ManualCalibration', 10],
];

/** The recipe the batch helper picks for `ousId` under `seed` (exported so tests can pick seeds). */
export function recipeFor(seed: string, ousId: string): Recipe {
  return pick(RECIPE_WEIGHTS, seed, 'recipe', ousId);
}

export type RecipeOutcome = { skipped: string } | { recipe: Recipe };

/** The AQUA batch helper: gives a new OUS its processing recipe. */
export class RecipeService {
  constructor(
    private readonly ous: OusService,
    private readonly seed: string,
  ) {}

  async assign(ousId: string): Promise<RecipeOutcome> {
    const ous = await this.ous.byId(ousId);
    if (!ous || ous.state !== OusState.READY_FOR_PROCESSING || ous.substate !== null || ous.recipe !== null) {
      return {
        skipped: `${ousId} ${ous ? `is ${ous.state} with recipe ${ous.recipe ?? ous.substate ?? 'none'}` : 'does not exist'}`,
      };
    }
    const recipe = recipeFor(this.seed, ousId);
    await this.ous.apply(ousId, { kind: 'assignRecipe', recipe }, BATCH_HELPER);
    return { recipe };
  }
}
