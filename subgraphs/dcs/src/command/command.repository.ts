import { AuditTrail, type CommandStatus, type Db, type Prisma } from '@opshub/db';

export type CommandRow = NonNullable<Awaited<ReturnType<Db['command']['findUnique']>>>;

export interface CommandWrite {
  issuedBy: string | null;
  system: string | null;
  kind: string;
  deviceId: string | null;
  args: Record<string, unknown>;
  notAfter: Date | null;
}

/** A final status with what came of it. */
export interface Settlement {
  status: Exclude<CommandStatus, 'PENDING'>;
  accepted: boolean;
  result: string;
  reason: string | null;
}

/** `result` of a PENDING command before, and after, a worker has taken it to the wire. */
export const PENDING_RESULT = 'pending';
export const SENDING_RESULT = 'sending';

export interface CommandFilter {
  deviceId?: string | undefined;
  kind?: string | undefined;
}

const whereOf = (f: CommandFilter): Prisma.CommandWhereInput => ({
  ...(f.deviceId ? { deviceId: f.deviceId } : {}),
  ...(f.kind ? { kind: f.kind } : {}),
});

/**
 * The entity a command addresses in the hub's audit log: its device (`device/module-1/hv`), the
 * alarm it acknowledges, or the whole stand (LV and HV switched at once).
 */
export function commandTarget(row: Pick<CommandRow, 'kind' | 'deviceId' | 'args'>): string {
  if (row.deviceId) return `device/${row.deviceId}`;
  const alarmId = (row.args as { alarmId?: unknown } | null)?.alarmId;
  return typeof alarmId === 'string' ? `alarm/${alarmId}` : 'stand';
}

export class CommandRepository {
  private readonly trail: AuditTrail;

  constructor(private readonly db: Db) {
    this.trail = new AuditTrail(db);
  }

  /**
   * Writes the PENDING row; a user's command also its entry in the hub's audit log (`dcs.command`:
   * the command, its arguments and the row whose status is its outcome), in one transaction. The
   * hub's own commands (interlocks) are in `dcs.command` only.
   */
  create(w: CommandWrite, requestId?: string): Promise<CommandRow> {
    const data = {
      ...w,
      args: w.args as Prisma.InputJsonValue,
      accepted: false,
      status: 'PENDING' as const,
      result: PENDING_RESULT,
      reason: null,
    };
    const issuedBy = w.issuedBy;
    if (issuedBy === null) return this.db.command.create({ data });
    return this.db.$transaction(async (tx) => {
      const row = await tx.command.create({ data });
      const detail = { command: row.kind, args: data.args, commandId: row.id };
      await this.trail.record(
        { actorId: issuedBy, kind: 'dcs.command', target: commandTarget(row), detail, requestId },
        tx,
      );
      return row;
    });
  }

  byId(id: string): Promise<CommandRow | null> {
    return this.db.command.findUnique({ where: { id } });
  }

  /**
   * Records the final status, once: a command already settled keeps its first outcome (the worker
   * and the mutation may both record it). Returns the row as stored.
   */
  async settle(id: string, s: Settlement): Promise<CommandRow> {
    await this.db.command.updateMany({
      where: { id, status: 'PENDING' },
      data: {
        status: s.status,
        accepted: s.accepted,
        result: s.result,
        reason: s.reason,
        doneAt: new Date(),
      },
    });
    return this.db.command.findUniqueOrThrow({ where: { id } });
  }

  /** Takes a pending command to the wire; false when it was taken before (by this or another worker). */
  async claim(id: string): Promise<boolean> {
    const { count } = await this.db.command.updateMany({
      where: { id, status: 'PENDING', result: PENDING_RESULT },
      data: { result: SENDING_RESULT },
    });
    return count === 1;
  }

  recent(take: number, kind?: string): Promise<CommandRow[]> {
    return this.db.command.findMany({
      where: kind ? { kind } : {},
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** Newest first, keyset on (at, id), so a page stays stable while commands are issued. */
  page(take: number, filter: CommandFilter, before?: { at: Date; id: string }): Promise<CommandRow[]> {
    const where: Prisma.CommandWhereInput = {
      ...whereOf(filter),
      ...(before ? { OR: [{ at: { lt: before.at } }, { at: before.at, id: { lt: before.id } }] } : {}),
    };
    return this.db.command.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take });
  }

  count(filter: CommandFilter): Promise<number> {
    return this.db.command.count({ where: whereOf(filter) });
  }
}
