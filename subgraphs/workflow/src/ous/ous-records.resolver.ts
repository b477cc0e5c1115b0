import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { ArchiveDocument } from '../delivery/archive-document.type.js';
import type { DeliveryService } from '../delivery/delivery.service.js';
import { DeliveryStatus } from '../delivery/delivery-status.type.js';
import type { ProductWithDocument } from '../pipeline/pipeline.repository.js';
import type { PipelineService } from '../pipeline/pipeline.service.js';
import { toProduct, toReport, toRun } from '../pipeline/pipeline-records.js';
import { PipelineReport } from '../pipeline/pipeline-report.type.js';
import { PipelineRun } from '../pipeline/pipeline-run.type.js';
import { Product } from '../pipeline/product.type.js';
import type { OusNode } from './ous.service.js';
import { ObsUnitSet } from './ous.type.js';

/** What the pipeline, the ingestor and the data tracker recorded for an OUS; batched per request. */
@Resolver(() => ObsUnitSet)
export class OusRecordsResolver {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly delivery: DeliveryService,
  ) {}

  private loadProducts(
    ous: OusNode,
    ctx: SubgraphContext,
    info: GraphQLResolveInfo,
  ): Promise<ProductWithDocument[]> {
    return loaderFor(ctx, info, 'ous-products', (ids: string[]) => this.pipeline.productsOf(ids))
      .load(ous.id)
      .then((p) => p ?? []);
  }

  @FieldResolver(() => [PipelineRun], { description: 'Every pipeline run, oldest first.' })
  async pipelineRuns(
    @Root() ous: OusNode,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PipelineRun[]> {
    const runs = await loaderFor(ctx, info, 'ous-runs', (ids: string[]) => this.pipeline.runsOf(ids)).load(
      ous.id,
    );
    return (runs ?? []).map(toRun);
  }

  @FieldResolver(() => [PipelineReport], {
    description: 'The report of every successful run, oldest first, scores parsed.',
  })
  async pipelineReports(
    @Root() ous: OusNode,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PipelineReport[]> {
    const [reports, products] = await Promise.all([
      loaderFor(ctx, info, 'ous-reports', (ids: string[]) => this.pipeline.reportsOf(ids)).load(ous.id),
      this.loadProducts(ous, ctx, info),
    ]);
    return (reports ?? []).map((r) => toReport(r, products));
  }

  @FieldResolver(() => [Product], {
    description: 'Files written by the pipeline runs (all runs, or one), oldest run first.',
  })
  async products(
    @Root() ous: OusNode,
    @Arg('run', () => Int, { nullable: true, description: "Only this run's products." }) run: number | null,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Product[]> {
    const all = await this.loadProducts(ous, ctx, info);
    return all.filter((p) => run === null || run === undefined || p.run === run).map(toProduct);
  }

  @FieldResolver(() => DeliveryStatus, { nullable: true, description: 'Null until ingestion starts.' })
  deliveryStatus(
    @Root() ous: OusNode,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DeliveryStatus | null> {
    return loaderFor(ctx, info, 'ous-delivery', (ids: string[]) => this.delivery.statusOf(ids)).load(ous.id);
  }

  @FieldResolver(() => [ArchiveDocument], {
    description: 'Files of this OUS in the archive (NGAS), with products metadata.',
  })
  async archiveDocuments(
    @Root() ous: OusNode,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ArchiveDocument[]> {
    const docs = await loaderFor(ctx, info, 'ous-documents', (ids: string[]) =>
      this.delivery.documentsOf(ids),
    ).load(ous.id);
    return docs ?? [];
  }
}
