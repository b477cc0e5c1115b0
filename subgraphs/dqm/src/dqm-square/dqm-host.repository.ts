import {
  AuditTrail,
  Prisma,
  prismaErrorCode,
  UNIQUE_VIOLATION,
  type AuditWrite,
  type Db,
  type Tx,
} from '@opshub/db';
import type { Outbox } from '@opshub/events';
import type { HubActor } from '../hub-audit.js';

export type DqmHostRow = Prisma.DqmHostGetPayload<object>;
export type DqmClusterName = 'PRODUCTION' | 'PLAYBACK';

export interface AuditInput {
  actor: string;
  hostId: string | null;
  action: string;
  args: Record<string, string | number | boolean>;
  ok: boolean;
  output: string;
  durationMs: number;
}

/** The DQM² agents, their pseudonyms, their status history and the control-room audit. */
export class DqmHostRepository {
  private readonly trail: AuditTrail;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox<Tx>,
  ) {
    this.trail = new AuditTrail(db);
  }

  /** Registers an agent; registered by a user, with its `dqm.host-add` entry in the hub's audit log. */
  create(
    data: { cluster: DqmClusterName; url: string; name: string; controlSecret: string | null },
    by?: HubActor,
  ): Promise<DqmHostRow> {
    if (!by) return this.db.dqmHost.create({ data });
    return this.db.$transaction(async (tx) => {
      const row = await tx.dqmHost.create({ data });
      const detail = {
        cluster: row.cluster,
        url: row.url,
        name: row.name,
        controlSecret: !!row.controlSecret,
      };
      await this.trail.record(hubEntry(by, 'dqm.host-add', row.id, detail), tx);
      return row;
    });
  }

  findById(id: string): Promise<DqmHostRow | null> {
    return this.db.dqmHost.findUnique({ where: { id } });
  }

  findByUrl(url: string): Promise<DqmHostRow | null> {
    return this.db.dqmHost.findUnique({ where: { url } });
  }

  list(cluster?: DqmClusterName): Promise<DqmHostRow[]> {
    return this.db.dqmHost.findMany({
      where: cluster ? { cluster } : {},
      orderBy: [{ cluster: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    });
  }

  count(): Promise<number> {
    return this.db.dqmHost.count();
  }

  /** Unregisters an agent; by a user, with its `dqm.host-remove` entry (none when nothing was removed). */
  async remove(id: string, by?: HubActor): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const gone = await tx.dqmHost.findUnique({ where: { id }, select: { url: true, cluster: true } });
      if (!gone || (await tx.dqmHost.deleteMany({ where: { id } })).count !== 1) return false;
      if (by) await this.trail.record(hubEntry(by, 'dqm.host-remove', id, gone), tx);
      return true;
    });
  }

  update(id: string, data: Prisma.DqmHostUpdateInput): Promise<DqmHostRow> {
    return this.db.dqmHost.update({ where: { id }, data });
  }

  /** Updates the host and, when `announce` says the change is one, appends its event in the same transaction. */
  updateAnnounced<E>(
    id: string,
    data: Prisma.DqmHostUpdateInput,
    stream: string,
    announce: (before: DqmHostRow, after: DqmHostRow) => E | null,
  ): Promise<{ row: DqmHostRow; outboxId: bigint | null }> {
    return this.db.$transaction(async (tx) => {
      const before = await tx.dqmHost.findUniqueOrThrow({ where: { id } });
      const row = await tx.dqmHost.update({ where: { id }, data });
      const event = announce(before, row);
      return { row, outboxId: event === null ? null : await this.outbox.append(tx, stream, event) };
    });
  }

  /**
   * The pseudonym kept under `digest`, or a new one: the next number of its kind. Two ingests naming
   * a new host at once collide on the unique pseudonym; the loser reads the winner's or takes the next.
   */
  async pseudonym(digest: string, kind: string, format: (n: number) => string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const known = await this.db.dqmPseudonym.findUnique({ where: { digest } });
      if (known) return known.pseudonym;
      const n = (await this.db.dqmPseudonym.count({ where: { kind } })) + 1;
      try {
        return (await this.db.dqmPseudonym.create({ data: { digest, kind, pseudonym: format(n) } }))
          .pseudonym;
      } catch (err) {
        if (prismaErrorCode(err) !== UNIQUE_VIOLATION || attempt >= 5) throw err;
      }
    }
  }

  /** One status row per host from its current state (the 30 s status job). */
  async recordStatuses(at: Date): Promise<number> {
    const hosts = await this.db.dqmHost.findMany({
      select: { id: true, up: true, lagSeconds: true, error: true },
    });
    const { count } = await this.db.dqmHostStatus.createMany({
      data: hosts.map((h) => ({ hostId: h.id, at, up: h.up, lagSeconds: h.lagSeconds, error: h.error })),
    });
    return count;
  }

  async pruneStatuses(before: Date): Promise<number> {
    return (await this.db.dqmHostStatus.deleteMany({ where: { at: { lt: before } } })).count;
  }

  statuses(hostId: string, since: Date): Promise<Prisma.DqmHostStatusGetPayload<object>[]> {
    return this.db.dqmHostStatus.findMany({ where: { hostId, at: { gte: since } }, orderBy: { at: 'asc' } });
  }

  /**
   * The control room's own audit row and, for a user's call, its `dqm.control-room` entry in the
   * hub's audit log (naming the row), in one transaction. `hostId`: the host asked for, known or not.
   */
  async audit(entry: AuditInput, by?: HubActor & { hostId: string }): Promise<bigint> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.dqmControlAudit.create({ data: { ...entry, args: entry.args } });
      if (by) {
        const detail = { action: entry.action, args: entry.args, ok: entry.ok, auditId: row.id.toString() };
        await this.trail.record(hubEntry(by, 'dqm.control-room', by.hostId, detail), tx);
      }
      return row.id;
    });
  }

  audits(take: number): Promise<Prisma.DqmControlAuditGetPayload<object>[]> {
    return this.db.dqmControlAudit.findMany({ orderBy: { id: 'desc' }, take });
  }
}

function hubEntry(by: HubActor, kind: string, hostId: string, detail: Prisma.InputJsonObject): AuditWrite {
  return { actorId: by.actorId, kind, target: `dqm-host/${hostId}`, detail, requestId: by.requestId };
}
