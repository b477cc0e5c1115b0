import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { PipelineService } from './pipeline.service.js';
import { toReport } from './pipeline-records.js';
import { PipelineReport } from './pipeline-report.type.js';
import { PipelineRun } from './pipeline-run.type.js';

/** The report of one run, batched per request with the OUS's other records (same loader names). */
@Resolver(() => PipelineRun)
export class PipelineRunResolver {
  constructor(private readonly pipeline: PipelineService) {}

  @FieldResolver(() => PipelineReport, {
    nullable: true,
    description:
      'The QA scores as parsed from the PipelineAquaReport this run wrote; null until it succeeds.',
  })
  async report(
    @Root() run: PipelineRun,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PipelineReport | null> {
    const [reports, products] = await Promise.all([
      loaderFor(ctx, info, 'ous-reports', (ids: string[]) => this.pipeline.reportsOf(ids)).load(run.ousId),
      loaderFor(ctx, info, 'ous-products', (ids: string[]) => this.pipeline.productsOf(ids)).load(run.ousId),
    ]);
    const report = reports?.find((r) => r.runId === run.runId);
    return report ? toReport(report, products ?? []) : null;
  }
}
