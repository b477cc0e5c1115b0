import { databaseUnavailable } from '@opshub/errors';
import pg from 'pg';

/** How the replica's reads are routed (DbOptions.replica, createSqlPool's replica). */
export interface ReplicaOptions {
  /** The replica's connection string (DATABASE_REPLICA_URL). */
  url: string;
  /**
   * How long a connection to the replica may take before the read goes to the primary instead, ms.
   * Default 1,000: a replica that is down or unreachable costs a read at most this once, then reads
   * go to the primary until a probe finds it back.
   */
  connectTimeoutMs?: number;
  /** While the replica is down, it is probed this often, ms. Default 1,000. */
  probeIntervalMs?: number;
  /**
   * After this process wrote to the primary, its reads stay on the primary this long, ms, so that a
   * mutation's own reads see what it wrote however far the replica lags. Default 2,000; 0 turns it off.
   */
  readAfterWriteMs?: number;
  /** The replica went down (with the error that showed it) or came back. */
  onChange?: (up: boolean, error?: unknown) => void;
}

/** What a routed client or pool reports of its replica. */
export interface ReplicaState {
  up: boolean;
  /** Reads served by the replica, and by the primary instead (replica down, read-after-write, fallback). */
  replicaReads: number;
  primaryReads: number;
}

/**
 * The replica's health as one routed client or pool sees it: up until a read fails to reach it, then
 * down (reads go to the primary) until a probe connects again. Also the read-after-write window.
 */
export class ReplicaHealth {
  private up = true;
  private probing: NodeJS.Timeout | undefined;
  private closed = false;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  readonly counts = { replicaReads: 0, primaryReads: 0 };
  readonly connectTimeoutMs: number;

  constructor(readonly options: ReplicaOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
  }

  /** Whether the next read should try the replica (counted). */
  useReplica(): boolean {
    const recentWrite = Date.now() - this.lastWriteAt < (this.options.readAfterWriteMs ?? 2_000);
    const use = this.up && !recentWrite;
    if (use) this.counts.replicaReads++;
    else this.counts.primaryReads++;
    return use;
  }

  wrote(): void {
    this.lastWriteAt = Date.now();
  }

  /**
   * A read on the replica failed with `error`: true when it should be retried on the primary. A lost or
   * refused connection marks the replica down; a statement the standby cancelled (conflict with
   * recovery, SQLSTATE 40001) is retried without that.
   */
  failed(error: unknown): boolean {
    if (unreachable(error)) {
      this.markDown(error);
      this.counts.replicaReads--;
      this.counts.primaryReads++;
      return true;
    }
    return sqlState(error) === '40001';
  }

  state(): ReplicaState {
    return { up: this.up, ...this.counts };
  }

  /** A client opened again after `close()` (Prisma reconnects after `$disconnect()`). */
  open(): void {
    this.closed = false;
    if (!this.up) this.scheduleProbe();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probing);
  }

  private markDown(error: unknown): void {
    if (!this.up || this.closed) return;
    this.up = false;
    this.options.onChange?.(false, error);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.probing = setTimeout(() => void this.probe(), this.options.probeIntervalMs ?? 1_000);
    this.probing.unref();
  }

  private async probe(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.connectTimeoutMs,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (this.closed) return;
      this.up = true;
      this.options.onChange?.(true);
    } catch {
      this.scheduleProbe();
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * A failure of the replica's connection rather than of the statement. The error is known to come from
 * the replica's client, so a bare socket error (pg-pool's ECONNREFUSED has no Postgres marks) counts too.
 */
function unreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return databaseUnavailable(error) || (typeof code === 'string' && /^E[A-Z]+$/.test(code));
}

/** The SQLSTATE behind an error of node-postgres or of the Prisma adapter (DriverAdapterError's cause). */
export function sqlState(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (typeof e === 'object' && e !== null && !seen.has(e)) {
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const code of [o['originalCode'], o['code']]) {
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    }
    e = o['cause'];
  }
  return undefined;
}
