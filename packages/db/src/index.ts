export { createDb, prismaErrorCode, RECORD_NOT_FOUND, UNIQUE_VIOLATION } from './client.js';
export type { Db, DbOptions } from './client.js';
export { AuditTrail } from './audit-trail.js';
export type { AuditClient, AuditWrite } from './audit-trail.js';
export { deleteInBatches } from './batched-delete.js';
export { OUTBOX_TABLES, OutboxTable } from './outbox-table.js';
export { createSqlPool } from './sql-pool.js';
export { replicaOf, replicaState } from './replica.js';
export type { ReplicaOptions, ReplicaState } from './replica-health.js';
export type { SqlPool } from './sql-pool.js';
export type { OutboxRow, OutboxTableName, PublishRow, Tx } from './outbox-table.js';
export { Prisma } from './generated/client.js';
export type {
  Alert,
  ApiToken,
  AuditEntry,
  Device,
  DiaForcedSource,
  DiaObject,
  DiaSource,
  DqmRun,
  FailedJob,
  ObsUnitSet,
  OusTransition,
  Session,
  User,
  PipelineRun,
  PipelineReport,
  Product,
  ArchiveDocument,
  ProductMetadata,
  DeliveryStatus,
} from './generated/client.js';
export {
  AlarmSeverity,
  CommandStatus,
  DeviceKind,
  Executive,
  OusState,
  ProductKind,
  Role,
  STORED_OUS_STATE,
  STORED_PRODUCT_KIND,
  ousStateOf,
} from './enums.js';
export type { StoredOusState } from './enums.js';
