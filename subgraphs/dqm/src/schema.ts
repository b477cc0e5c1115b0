import { buildFederatedSchema, Container, type BuiltSubgraph } from '@opshub/subgraph-kit';
import { dqmRunReference } from './dqm-run/dqm-run.reference.js';
import { DqmRunResolver } from './dqm-run/dqm-run.resolver.js';
import type { DqmServices } from './services.js';

export function buildDqmSchema(services: DqmServices): Promise<BuiltSubgraph> {
  const container = new Container().set(DqmRunResolver, new DqmRunResolver(services.runs));
  return buildFederatedSchema({
    resolvers: [DqmRunResolver],
    references: dqmRunReference(services.runs),
    container,
  });
}
