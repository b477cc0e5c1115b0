import { buildFederatedSchema, Container, type BuiltSubgraph } from '@opshub/subgraph-kit';
import { OusActionsResolver } from './ous/ous-actions.resolver.js';
import { OusCountsResolver } from './ous/ous-counts.resolver.js';
import { OusRecordsResolver } from './ous/ous-records.resolver.js';
import { JobRef } from './pipeline/job.type.js';
import { PipelineRunResolver } from './pipeline/pipeline-run.resolver.js';
import { ousReference } from './ous/ous.reference.js';
import { OusResolver, serviceOfSchema } from './ous/ous.resolver.js';
import type { WorkflowServices } from './services.js';
import { User } from './transition/user.type.js';

export async function buildWorkflowSchema(services: WorkflowServices): Promise<BuiltSubgraph> {
  const container = new Container()
    .set(OusResolver, new OusResolver(services.ous))
    .set(OusActionsResolver, new OusActionsResolver(services.ous))
    .set(OusCountsResolver, new OusCountsResolver(services.ous))
    .set(OusRecordsResolver, new OusRecordsResolver(services.pipeline, services.delivery))
    .set(PipelineRunResolver, new PipelineRunResolver(services.pipeline));
  const built = await buildFederatedSchema({
    resolvers: [OusResolver, OusActionsResolver, OusCountsResolver, OusRecordsResolver, PipelineRunResolver],
    orphanedTypes: [User, JobRef],
    references: ousReference(services.ous),
    container,
  });
  serviceOfSchema.set(built.schema, services.ous);
  return built;
}
