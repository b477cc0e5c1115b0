import { resolver, subgraphSchema, type SubgraphDefinition } from '@opshub/subgraph-kit';
import { ApiTokenResolver } from './api-token/api-token.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { FailedJobResolver } from './failed-job/failed-job.resolver.js';
import { JobLogsResolver } from './queue/job-logs.resolver.js';
import { JobProgressResolver } from './queue/job-progress.resolver.js';
import { jobReference } from './queue/job.reference.js';
import { QueueAdminResolver } from './queue/queue-admin.resolver.js';
import { QueueResolver } from './queue/queue.resolver.js';
import type { OpsServices } from './services.js';
import { SessionResolver } from './session/session.resolver.js';
import { userReference } from './user/user.reference.js';
import { UserResolver } from './user/user.resolver.js';

const ops: SubgraphDefinition<OpsServices> = {
  resolvers: [
    resolver(UserResolver, (s: OpsServices) => new UserResolver(s.users)),
    resolver(SessionResolver, (s: OpsServices) => new SessionResolver(s.sessions)),
    resolver(ApiTokenResolver, (s: OpsServices) => new ApiTokenResolver(s.tokens)),
    resolver(AuditResolver, (s: OpsServices) => new AuditResolver(s.audit, s.users)),
    resolver(QueueResolver, (s: OpsServices) => new QueueResolver(s.queues)),
    resolver(QueueAdminResolver, (s: OpsServices) => new QueueAdminResolver(s.queues)),
    resolver(JobLogsResolver, (s: OpsServices) => new JobLogsResolver(s.queues)),
    resolver(FailedJobResolver, (s: OpsServices) => new FailedJobResolver(s.failedJobs)),
    resolver(JobProgressResolver, (s: OpsServices) => new JobProgressResolver(s.queues)),
  ],
  references: (s) => ({ ...userReference(s.users), ...jobReference(s.queues) }),
};

/** The ops subgraph over its services (`buildOpsSchema`), without them, and its SDL. */
export const { build: buildOpsSchema, buildOffline: buildOfflineSchema, printSdl } = subgraphSchema(ops);
