import { resolver, subgraphSchema, type SubgraphDefinition } from '@opshub/subgraph-kit';
import { OusActionsResolver } from './ous/ous-actions.resolver.js';
import { OusCountsResolver } from './ous/ous-counts.resolver.js';
import { OusRecordsResolver } from './ous/ous-records.resolver.js';
import { JobRef } from './pipeline/job.type.js';
import { PipelineRunResolver } from './pipeline/pipeline-run.resolver.js';
import { ousReference } from './ous/ous.reference.js';
import { OusResolver } from './ous/ous.resolver.js';
import type { WorkflowServices } from './services.js';
import { User } from './transition/user.type.js';

const workflow: SubgraphDefinition<WorkflowServices> = {
  resolvers: [
    resolver(OusResolver, (s: WorkflowServices) => new OusResolver(s.ous)),
    resolver(OusActionsResolver, (s: WorkflowServices) => new OusActionsResolver(s.ous)),
    resolver(OusCountsResolver, (s: WorkflowServices) => new OusCountsResolver(s.ous)),
    resolver(OusRecordsResolver, (s: WorkflowServices) => new OusRecordsResolver(s.pipeline, s.delivery)),
    resolver(PipelineRunResolver, (s: WorkflowServices) => new PipelineRunResolver(s.pipeline)),
  ],
  orphanedTypes: [User, JobRef],
  references: (s) => ousReference(s.ous),
};

/** The workflow subgraph over its services (`buildWorkflowSchema`), without them, and its SDL. */
export const {
  build: buildWorkflowSchema,
  buildOffline: buildOfflineSchema,
  printSdl,
} = subgraphSchema(workflow);
