import type { RevocationReason } from '@opshub/auth';
import type { RevocationPublisher } from './revocation.publisher.js';
import type { SessionRepository } from './session.repository.js';
import { revocationHash } from './token-hash.js';

/**
 * Ends sessions and tells the gateways, so that open WebSockets of that user close at once. Every
 * path that takes credentials away (logout, token revoke, sessions revoke, disable, password
 * change) goes through here or through `announce`.
 */
export class SessionRevoker {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly publisher: RevocationPublisher,
  ) {}

  /** Revokes every live session of the user except the one whose stored hash is `keepTokenHash`. */
  async revokeAll(userId: string, reason: RevocationReason, keepTokenHash?: string): Promise<number> {
    const { count } = await this.sessions.revokeAllOfUser(userId, new Date(), keepTokenHash);
    await this.announce(userId, reason);
    return count;
  }

  /**
   * Publishes a revocation. With `storedTokenHash` (the hex hash ops keeps) it names one token; else
   * the gateways re-authenticate every socket of the user and close those that no longer resolve.
   */
  announce(userId: string, reason: RevocationReason, storedTokenHash?: string): Promise<void> {
    return this.publisher.publish({
      userId,
      reason,
      ...(storedTokenHash ? { tokenHash: revocationHash(storedTokenHash) } : {}),
    });
  }
}
