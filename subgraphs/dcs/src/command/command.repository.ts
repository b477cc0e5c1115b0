import type { Db, Prisma } from '@opshub/db';

export type CommandRow = NonNullable<Awaited<ReturnType<Db['command']['findUnique']>>>;

export interface CommandWrite {
  issuedBy: string | null;
  system: string | null;
  kind: string;
  deviceId: string | null;
  args: Record<string, unknown>;
  accepted: boolean;
  result: string | null;
  reason: string | null;
}

export class CommandRepository {
  constructor(private readonly db: Db) {}

  create(w: CommandWrite): Promise<CommandRow> {
    return this.db.command.create({ data: { ...w, args: w.args as Prisma.InputJsonValue } });
  }

  finish(id: string, accepted: boolean, result: string, reason: string | null): Promise<CommandRow> {
    return this.db.command.update({ where: { id }, data: { accepted, result, reason, doneAt: new Date() } });
  }

  recent(take: number, kind?: string): Promise<CommandRow[]> {
    return this.db.command.findMany({
      where: kind ? { kind } : {},
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take,
    });
  }
}
