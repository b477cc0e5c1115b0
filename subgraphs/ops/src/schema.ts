import { buildFederatedSchema, Container, type BuiltSubgraph } from '@opshub/subgraph-kit';
import { ApiTokenResolver } from './api-token/api-token.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { FailedJobResolver } from './failed-job/failed-job.resolver.js';
import { jobProgressResolver } from './queue/job-progress.resolver.js';
import { jobReference } from './queue/job.reference.js';
import { QueueResolver } from './queue/queue.resolver.js';
import type { OpsServices } from './services.js';
import { SessionResolver } from './session/session.resolver.js';
import { userReference } from './user/user.reference.js';
import { UserResolver } from './user/user.resolver.js';

export function buildOpsSchema(services: OpsServices): Promise<BuiltSubgraph> {
  const container = new Container()
    .set(UserResolver, new UserResolver(services.users))
    .set(SessionResolver, new SessionResolver(services.sessions))
    .set(ApiTokenResolver, new ApiTokenResolver(services.tokens))
    .set(AuditResolver, new AuditResolver(services.audit, services.users));
  const JobProgressResolver = jobProgressResolver(services.queues);
  container
    .set(QueueResolver, new QueueResolver(services.queues))
    .set(FailedJobResolver, new FailedJobResolver(services.failedJobs))
    .set(JobProgressResolver, new JobProgressResolver());
  return buildFederatedSchema({
    resolvers: [
      UserResolver,
      SessionResolver,
      ApiTokenResolver,
      AuditResolver,
      QueueResolver,
      FailedJobResolver,
      JobProgressResolver,
    ],
    references: { ...userReference(services.users), ...jobReference(services.queues) },
    container,
  });
}
