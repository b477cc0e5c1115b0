import { resolver, subgraphSchema, type SubgraphDefinition } from '@opshub/subgraph-kit';
import { dqmRunReference } from './dqm-run/dqm-run.reference.js';
import { DqmRunResolver } from './dqm-run/dqm-run.resolver.js';
import { ControlRoomAuditResolver } from './dqm-square/control-room-audit.resolver.js';
import { DqmSquareResolver } from './dqm-square/dqm-square.resolver.js';
import { NectarcamResolver } from './nectarcam/nectarcam.resolver.js';
import type { DqmServices } from './services.js';

const dqm: SubgraphDefinition<DqmServices> = {
  resolvers: [
    resolver(DqmRunResolver, (s: DqmServices) => new DqmRunResolver(s.runs)),
    resolver(NectarcamResolver, (s: DqmServices) => new NectarcamResolver(s.nectarcam)),
    resolver(DqmSquareResolver, (s: DqmServices) => new DqmSquareResolver(s.square)),
    resolver(ControlRoomAuditResolver, (s: DqmServices) => new ControlRoomAuditResolver(s.square.audit)),
  ],
  references: (s) => dqmRunReference(s.runs),
};

/** The dqm subgraph over its services (`buildDqmSchema`), without them, and its SDL. */
export const { build: buildDqmSchema, buildOffline: buildOfflineSchema, printSdl } = subgraphSchema(dqm);
