// The database enums are the hub's only enums (prisma/schema): the subgraphs register these objects as
// their GraphQL enums, so a value added to the schema reaches the API with nothing else to edit. This
// entry point (`@opshub/db/enums`) holds values only, no Prisma client, so any layer may import it.
import type { OusState, ProductKind } from './generated/enums.js';

export {
  AlarmSeverity,
  CommandStatus,
  DeviceKind,
  Executive,
  OusState,
  ProductKind,
  Role,
  SqlRunState,
} from './generated/enums.js';

/**
 * The values Postgres stores for `OusState` (its `@map`s, the names ALMA uses): what raw SQL compares
 * with, and the spelling of the state in `workflow.ous-state-changed` events.
 */
export const STORED_OUS_STATE = {
  FULLY_OBSERVED: 'FullyObserved',
  READY_FOR_PROCESSING: 'ReadyForProcessing',
  PROCESSING: 'Processing',
  PROCESSING_PROBLEM: 'ProcessingProblem',
  READY_FOR_REVIEW: 'ReadyForReview',
  REVIEWING: 'Reviewing',
  VERIFIED: 'Verified',
  DELIVERY_IN_PROGRESS: 'DeliveryInProgress',
  DELIVERED: 'Delivered',
  QA3_IN_PROGRESS: 'QA3InProgress',
} as const satisfies Record<OusState, string>;

/** A stored `OusState` value. */
export type StoredOusState = (typeof STORED_OUS_STATE)[OusState];

const OUS_STATE_OF_STORED = new Map<string, OusState>(
  Object.entries(STORED_OUS_STATE).map(([state, stored]) => [stored, state as OusState]),
);

/** The `OusState` of a stored value or of a key (events carry the stored spelling); undefined for neither. */
export function ousStateOf(value: string): OusState | undefined {
  return OUS_STATE_OF_STORED.get(value) ?? (value in STORED_OUS_STATE ? (value as OusState) : undefined);
}

/** The values Postgres stores for `ProductKind` (its `@map`s). */
export const STORED_PRODUCT_KIND = {
  DATA: 'data',
  WEBLOG: 'weblog',
  REPORT: 'report',
} as const satisfies Record<ProductKind, string>;
