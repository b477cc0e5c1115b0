import { encodeRevocation, revocationChannel, type Revocation } from '@opshub/auth';
import type { Redis } from 'ioredis';

/** Tells every gateway that a user's credentials changed, so it closes that user's sockets at once. */
export interface RevocationPublisher {
  publish(revocation: Revocation): Promise<void>;
}

/**
 * Publishes on the Redis channel of `packages/auth/src/revocation.ts`. The database is the truth
 * (a revoked token no longer authenticates whatever happens here) and gateways also re-check their
 * sockets periodically, so a failed publish is reported to `onError` and never fails the revocation.
 */
export class RedisRevocationPublisher implements RevocationPublisher {
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    redisPrefix: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.channel = revocationChannel(redisPrefix);
  }

  async publish(revocation: Revocation): Promise<void> {
    try {
      await this.redis.publish(this.channel, encodeRevocation(revocation));
    } catch (error) {
      this.onError(error);
    }
  }
}

/** Without Redis (the CLI without REDIS_URL, offline schema builds): gateways notice at their next re-check. */
export const noRevocationPublisher: RevocationPublisher = { publish: async () => undefined };
