import { BadUserInputError } from '@opshub/errors';
import { isUuid } from '../user/uuid.js';

/** Which audit entries a page, a live feed or an export holds; every field optional. */
export interface AuditFilter {
  /** The acting user's id. */
  actorId?: string;
  /** A kind prefix: `queue.` for every queue action, `user.create` for one kind. */
  kind?: string;
  /** An entity: its own entries (`target` equal to it) and those of what belongs to it (`target` under `entity/`). */
  entity?: string;
  /** From this instant (inclusive). */
  since?: Date;
  /** Before this instant (exclusive), so consecutive ranges never count an entry twice. */
  until?: Date;
}

/** The filter as a client sends it (GraphQL arguments, or the export's query string). */
export interface AuditFilterInput {
  actor?: string | null | undefined;
  kind?: string | null | undefined;
  entity?: string | null | undefined;
  since?: Date | string | null | undefined;
  until?: Date | string | null | undefined;
}

const MAX_TEXT = 200;

function text(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT)
    throw new BadUserInputError(`${argument} is longer than ${MAX_TEXT} characters`, { argument });
  return trimmed === '' ? undefined : trimmed;
}

function instant(value: Date | string | null | undefined, argument: string): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const at = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new BadUserInputError(`${argument} must be an ISO 8601 date-time`, { argument });
  return at;
}

/** Checks what a client sent: a malformed actor id, date or range is BAD_USER_INPUT, never a database error. */
export function parseAuditFilter(input: AuditFilterInput): AuditFilter {
  const actorId = text(input.actor, 'actor');
  if (actorId !== undefined && !isUuid(actorId))
    throw new BadUserInputError('actor must be a user id', { argument: 'actor' });
  const kind = text(input.kind, 'kind');
  // `alert-source/` means the same as `alert-source`: everything under it.
  const entity = text(input.entity, 'entity')?.replace(/\/+$/, '') || undefined;
  const since = instant(input.since, 'since');
  const until = instant(input.until, 'until');
  if (since && until && since >= until)
    throw new BadUserInputError('since must be before until', { argument: 'until' });
  return {
    ...(actorId !== undefined ? { actorId } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(entity !== undefined ? { entity } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
  };
}

/** What the filter says of one entry, in memory: the live feed's test, the same as the database's. */
export function matchesAuditFilter(
  filter: AuditFilter,
  entry: { actorId: string | null; kind: string; target: string | null; at: Date },
): boolean {
  if (filter.actorId !== undefined && entry.actorId !== filter.actorId) return false;
  if (filter.kind !== undefined && !entry.kind.startsWith(filter.kind)) return false;
  if (filter.entity !== undefined) {
    const t = entry.target;
    if (t === null || (t !== filter.entity && !t.startsWith(`${filter.entity}/`))) return false;
  }
  if (filter.since && entry.at < filter.since) return false;
  if (filter.until && entry.at >= filter.until) return false;
  return true;
}
