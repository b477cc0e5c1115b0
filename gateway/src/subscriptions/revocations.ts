import { decodeRevocation, revocationChannel, type Revocation } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { createClient } from 'redis';
import type { RevocationSource } from './socket-options.js';

export interface RevocationListener {
  close(): Promise<void>;
}

/**
 * Subscribes to the revocations ops publishes (`revocationChannel(prefix)`). Pub/sub does not keep
 * messages: after a reconnect `onResubscribed` runs so the caller re-checks every socket at once,
 * instead of waiting for the periodic check. Never throws: without Redis the gateway still
 * re-checks sockets periodically, and says so in the log.
 */
export function listenForRevocations(
  source: RevocationSource,
  onRevocation: (revocation: Revocation) => void,
  onResubscribed: () => void,
  log: Logger,
): RevocationListener {
  const channel = revocationChannel(source.redisPrefix);
  const client = createClient({ url: source.redisUrl });
  let readyBefore = false;
  let reported = false;
  client.on('error', (error: unknown) => {
    // node-redis reconnects by itself; report the outage once, not on every retry.
    if (reported) return;
    reported = true;
    log.warn({ err: error, channel }, 'revocation channel unavailable; relying on periodic re-checks');
  });
  client.on('ready', () => {
    if (readyBefore) {
      log.info({ channel }, 'revocation channel back: re-checking every WebSocket');
      onResubscribed();
    }
    readyBefore = true;
    reported = false;
  });
  const listening = client
    .connect()
    .then(() =>
      client.subscribe(channel, (message) => {
        const revocation = decodeRevocation(message);
        if (revocation) onRevocation(revocation);
        else log.warn({ channel }, 'ignoring a malformed revocation message');
      }),
    )
    .catch((error: unknown) => {
      log.error({ err: error, channel }, 'could not subscribe to revocations');
    });
  return {
    close: async () => {
      await listening;
      if (client.isOpen) client.destroy();
    },
  };
}
