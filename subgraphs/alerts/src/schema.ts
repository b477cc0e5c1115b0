import { buildFederatedSchema, Container, type BuiltSubgraph } from '@opshub/subgraph-kit';
import { diaObjectReference } from './dia-object/dia-object.reference.js';
import { DiaObjectResolver } from './dia-object/dia-object.resolver.js';
import type { AlertsServices } from './services.js';

export function buildAlertsSchema(services: AlertsServices): Promise<BuiltSubgraph> {
  const container = new Container().set(DiaObjectResolver, new DiaObjectResolver(services.diaObjects));
  return buildFederatedSchema({
    resolvers: [DiaObjectResolver],
    references: diaObjectReference(services.diaObjects),
    container,
  });
}
