import type { Logger } from '@opshub/config';
import type { Authenticator } from '../auth.js';
import type { ClientConnection } from './connection.js';
import { SocketCloseCode } from './socket-options.js';

/** Re-checks run this many at a time: a sweep over thousands of sockets must not flood ops. */
const CONCURRENCY = 16;

const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The open authenticated sockets, by user. A socket's token is asked again (through the auth
 * cache, so sockets sharing a token cost one call) every `reauthMs` and at once when a revocation
 * names its user: a token that no longer resolves closes it with 4401, changed roles with 4403,
 * and the `expiresAt` ops returns arms the socket's expiry. When ops cannot be asked, sockets stay
 * open until the next check (a blip of ops must not drop every live view).
 */
export class ConnectionRegistry {
  private readonly byUser = new Map<string, Set<ClientConnection>>();
  /** When the last revocation of each user arrived (a socket authenticating meanwhile is re-checked). */
  private readonly revokedAt = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly log: Logger,
    reauthMs: number,
  ) {
    this.timer = setInterval(() => void this.recheckAll(), reauthMs);
    this.timer.unref();
  }

  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /**
   * A socket that authenticated with an answer asked for at `askedAt`. If a revocation of its user
   * arrived since, that answer may predate it: the socket is checked again at once.
   */
  add(connection: ClientConnection, askedAt: number): void {
    const set = this.byUser.get(connection.user.id) ?? new Set<ClientConnection>();
    set.add(connection);
    this.byUser.set(connection.user.id, set);
    if ((this.revokedAt.get(connection.user.id) ?? -Infinity) >= askedAt) void this.recheck(connection);
  }

  remove(connection: ClientConnection): void {
    const set = this.byUser.get(connection.user.id);
    set?.delete(connection);
    if (set?.size === 0) this.byUser.delete(connection.user.id);
  }

  /** A revocation named this user: check each of its sockets now (the cache was dropped first). */
  recheckUser(userId: string): Promise<void> {
    this.revokedAt.set(userId, Date.now());
    // Only the race with a socket authenticating right now needs this: a minute's worth is plenty.
    for (const [id, at] of this.revokedAt) if (at < Date.now() - 60_000) this.revokedAt.delete(id);
    return this.recheckEach([...(this.byUser.get(userId) ?? [])]);
  }

  /** Every socket (periodically, and after the revocation channel reconnects). */
  async recheckAll(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.recheckEach([...this.byUser.values()].flatMap((set) => [...set]));
    } finally {
      this.sweeping = false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private async recheckEach(connections: ClientConnection[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < connections.length) await this.recheck(connections[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, connections.length) }, worker));
  }

  private async recheck(connection: ClientConnection): Promise<void> {
    if (connection.isClosing) return;
    let result;
    try {
      result = await this.authenticator.fromHeader(connection.authorization);
    } catch (error) {
      this.log.warn({ err: error, socket: connection.id }, 're-authenticating a WebSocket failed');
      return;
    }
    if (result.kind !== 'user' || result.user.id !== connection.user.id) {
      connection.log.info('token no longer valid: closing the WebSocket');
      connection.close(SocketCloseCode.Unauthorized, 'Unauthorized');
    } else if (!sameRoles(result.user.roles, connection.user.roles)) {
      connection.log.info({ roles: result.user.roles }, 'roles changed: closing the WebSocket');
      connection.close(SocketCloseCode.RolesChanged, 'Roles changed: sign in again');
    } else {
      connection.setExpiry(result.expiresAt);
    }
  }
}
