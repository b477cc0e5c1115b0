import type { GraphQLResolveInfo } from 'graphql';
import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { RunKey } from './dqm-run.repository.js';
import { parseRunKey, runKey, type DqmRunService } from './dqm-run.service.js';
import type { DqmRun } from './dqm-run.type.js';

/** Resolves `DqmRun` entities (key: camera + runNumber) for other subgraphs, batched per request. */
export function dqmRunReference(runs: DqmRunService) {
  return {
    DqmRun: {
      __resolveReference: (
        ref: RunKey,
        ctx: SubgraphContext,
        info: GraphQLResolveInfo,
      ): Promise<DqmRun | null> =>
        loaderFor(ctx, info, 'dqm-run', (keys: string[]) => runs.byKeys(keys.map(parseRunKey))).load(
          runKey(ref),
        ),
    },
  };
}
