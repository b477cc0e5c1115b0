import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape } from '@opshub/subgraph-kit';
import type { AuditRow, ControlRoomAuditQuery } from './control-room-audit.query.js';
import type { ControlRoomAuditArgs, ControlRoomAuditEntry } from './control-room-audit.type.js';
import type { ControlRoomAction } from './dqm-square.resolver.js';
import { toDqmHost } from './dqm-square.mapper.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toEntry(row: AuditRow): ControlRoomAuditEntry {
  return {
    id: row.id.toString(),
    at: row.at,
    actor: row.actor,
    host: row.host ? toDqmHost(row.host) : null,
    action: row.action as ControlRoomAction,
    args: row.args,
    ok: row.ok,
    output: row.output,
    durationMs: row.durationMs,
  };
}

/** Reads the control-room audit the ControlRoomService writes (ADMIN only, checked by the resolver). */
export class ControlRoomAuditService {
  constructor(private readonly audits: ControlRoomAuditQuery) {}

  async page(args: ControlRoomAuditArgs): Promise<ConnectionShape<ControlRoomAuditEntry>> {
    const { first, after } = pageArgs(args, 200);
    const host = args.host ?? undefined;
    if (host !== undefined && !UUID.test(host))
      throw new BadUserInputError('host must be a DqmHost id', { field: 'host' });
    let before: bigint | undefined;
    if (after) {
      const [id] = after;
      if (after.length !== 1 || typeof id !== 'string' || !/^\d{1,19}$/.test(id))
        throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
          argument: 'after',
        });
      before = BigInt(id);
    }
    const { rows, total } = await this.audits.page(host, first + 1, before);
    return toConnection(rows, first, total, toEntry, (r) => [r.id.toString()]);
  }
}
