import type { Outbox } from '@opshub/events';
import { UnrecoverableError } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * The one outbox relay of the hub: publishes the events every domain's write path left in its
 * outbox (Redis down at commit time, a process gone between commit and publish), oldest first. Any
 * number of worker processes may run it at once: rows are claimed under row locks, so each is
 * published once and in order per aggregate (see `Outbox`). Each outbox is relayed even when
 * another fails; the job then fails with the first error, to be retried.
 */
export function outboxRelayProcessor(outboxes: readonly Outbox[]): Processor<'outbox-relay'> {
  return async (job) => {
    const { olderThanMs } = job.data;
    if (typeof olderThanMs !== 'number' || !(olderThanMs >= 0)) {
      throw new UnrecoverableError(`outbox-relay needs olderThanMs ≥ 0, got ${JSON.stringify(olderThanMs)}`);
    }
    const relayed: Record<string, number> = {};
    const failures: unknown[] = [];
    for (const outbox of outboxes) {
      relayed[outbox.name] = await outbox.relay(olderThanMs).catch((error: unknown) => {
        failures.push(error);
        return 0;
      });
    }
    if (failures.length > 0) throw failures[0];
    return { relayed };
  };
}
