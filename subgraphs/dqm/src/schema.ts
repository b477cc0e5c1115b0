import {
  buildFederatedSchema,
  printSubgraphSdl,
  resolver,
  type BuiltSubgraph,
  type SubgraphDefinition,
} from '@opshub/subgraph-kit';
import { dqmRunReference } from './dqm-run/dqm-run.reference.js';
import { DqmRunResolver } from './dqm-run/dqm-run.resolver.js';
import { DqmSquareResolver } from './dqm-square/dqm-square.resolver.js';
import { NectarcamResolver } from './nectarcam/nectarcam.resolver.js';
import type { DqmServices } from './services.js';

const dqm: SubgraphDefinition<DqmServices> = {
  resolvers: [
    resolver(DqmRunResolver, (s: DqmServices) => new DqmRunResolver(s.runs)),
    resolver(NectarcamResolver, (s: DqmServices) => new NectarcamResolver(s.nectarcam)),
    resolver(DqmSquareResolver, (s: DqmServices) => new DqmSquareResolver(s.square)),
  ],
  references: (s) => dqmRunReference(s.runs),
};

/** The dqm subgraph over its services. */
export function buildDqmSchema(services: DqmServices): Promise<BuiltSubgraph> {
  return buildFederatedSchema(dqm, services);
}

/** The schema without services: its SDL, and checks that stop before a resolver body (roles). */
export function buildOfflineSchema(): Promise<BuiltSubgraph> {
  return buildFederatedSchema(dqm);
}

/** The SDL committed as `schema.graphql` (`npm run generate`). */
export function printSdl(): Promise<string> {
  return printSubgraphSdl(dqm);
}
