import { buildFederatedSchema, Container, type BuiltSubgraph } from '@opshub/subgraph-kit';
import { ApiTokenResolver } from './api-token/api-token.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
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
  return buildFederatedSchema({
    resolvers: [UserResolver, SessionResolver, ApiTokenResolver, AuditResolver],
    references: userReference(services.users),
    container,
  });
}
