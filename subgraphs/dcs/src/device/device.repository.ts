import type { Db, Device as DeviceRow, DeviceKind, Prisma, Tx } from '@opshub/db';
import type { Outbox } from '@opshub/events';

export type { DeviceRow };

/** A device's own settings (board/channel, defaults, topics…): a JSON object. */
export type DeviceConfig = Record<string, unknown>;

type LiveState = { state: string; online: boolean; lastSeenAt: Date | null };

export class DeviceRepository {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox<Tx>,
  ) {}

  findById(id: string): Promise<DeviceRow | null> {
    return this.db.device.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<DeviceRow[]> {
    return this.db.device.findMany({ where: { id: { in: [...ids] } } });
  }

  /** The device's settings; null for an unknown device. */
  async configOf(id: string): Promise<DeviceConfig | null> {
    const row = await this.db.device.findUnique({ where: { id }, select: { config: true } });
    // upsert only ever writes a DeviceConfig.
    return row ? ((row.config ?? {}) as DeviceConfig) : null;
  }

  /** Sorted by kind (the enum's order), then name. */
  list(kind?: DeviceKind): Promise<DeviceRow[]> {
    return this.db.device.findMany({
      where: kind ? { kind } : {},
      orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    });
  }

  /** Creates or re-describes devices; their live state (state, online, lastSeenAt) is left alone. */
  async upsert(
    devices: readonly { id: string; name: string; kind: DeviceKind; config: DeviceConfig }[],
  ): Promise<void> {
    await this.db.$transaction(
      devices.map((d) =>
        this.db.device.upsert({
          where: { id: d.id },
          create: { id: d.id, name: d.name, kind: d.kind, config: d.config as Prisma.InputJsonObject },
          update: { name: d.name, kind: d.kind, config: d.config as Prisma.InputJsonObject },
        }),
      ),
    );
  }

  /** A sign of life only (no state change, nothing to announce). */
  update(id: string, data: LiveState): Promise<DeviceRow> {
    return this.db.device.update({ where: { id }, data });
  }

  /**
   * A state change and its event (on `stream`) in one transaction. The row's update lock orders two
   * changes of one device, so their outbox rows (and events) follow the order the changes were made.
   */
  changeState(
    id: string,
    data: LiveState,
    stream: string,
    eventOf: (row: DeviceRow) => unknown,
  ): Promise<{ row: DeviceRow; outboxId: bigint }> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.device.update({ where: { id }, data });
      return { row, outboxId: await this.outbox.append(tx, stream, eventOf(row)) };
    });
  }

  /** Online devices whose last report is older than `before`. */
  silentSince(before: Date): Promise<DeviceRow[]> {
    return this.db.device.findMany({ where: { online: true, lastSeenAt: { lt: before } } });
  }
}
