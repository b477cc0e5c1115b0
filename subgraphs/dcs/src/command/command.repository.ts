import type { CommandStatus, Db, Prisma } from '@opshub/db';

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

export class CommandRepository {
  constructor(private readonly db: Db) {}

  create(w: CommandWrite): Promise<CommandRow> {
    return this.db.command.create({
      data: {
        ...w,
        args: w.args as Prisma.InputJsonValue,
        accepted: false,
        status: 'PENDING',
        result: PENDING_RESULT,
        reason: null,
      },
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
