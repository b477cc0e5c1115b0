import type { Db, Device as DeviceRow, DeviceKind, Prisma } from '@opshub/db';

export type { DeviceRow };

export class DeviceRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<DeviceRow | null> {
    return this.db.device.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<DeviceRow[]> {
    return this.db.device.findMany({ where: { id: { in: [...ids] } } });
  }

  /** Sorted by kind (the enum's order), then name. */
  list(kind?: string): Promise<DeviceRow[]> {
    return this.db.device.findMany({
      where: kind ? { kind: kind as DeviceKind } : {},
      orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    });
  }

  /** Creates or re-describes devices; their live state (state, online, lastSeenAt) is left alone. */
  async upsert(
    devices: readonly { id: string; name: string; kind: string; config: Prisma.InputJsonValue }[],
  ): Promise<void> {
    await this.db.$transaction(
      devices.map((d) =>
        this.db.device.upsert({
          where: { id: d.id },
          create: { id: d.id, name: d.name, kind: d.kind as DeviceKind, config: d.config },
          update: { name: d.name, kind: d.kind as DeviceKind, config: d.config },
        }),
      ),
    );
  }

  update(id: string, data: { state: string; online: boolean; lastSeenAt: Date | null }): Promise<DeviceRow> {
    return this.db.device.update({ where: { id }, data });
  }

  /** Online devices whose last report is older than `before`. */
  silentSince(before: Date): Promise<DeviceRow[]> {
    return this.db.device.findMany({ where: { online: true, lastSeenAt: { lt: before } } });
  }
}
