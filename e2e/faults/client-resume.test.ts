// Fault: the dcs subgraph restarts while a script's typed client is subscribed to readingAdded through
// the gateway. The gateway ends the subscription with UPSTREAM_UNAVAILABLE; the client subscribes
// again with backoff, resuming `after` the last eventId, so the script sees every reading (those
// published while dcs was down included), in order, and no error.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createHubClient, type HubClient } from '@opshub/client';
import { DCS_STREAMS, type ReadingsAddedEvent } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../hub.js';

type Readings = { readingAdded: { value: number; eventId: string | null } };
const READINGS = parse(
  'subscription ($after: String) { readingAdded(deviceId: "julabo", metric: "temperature", after: $after) { value eventId } }',
) as TypedDocumentNode<Readings, { after?: string }>;

let hub: Hub;
let events: EventBus;
let client: HubClient;

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-client-resume' });
  events = await EventBus.connect(hub.redisUrl, hub.redisPrefix);
  client = createHubClient({ url: hub.url, token: await hub.token('viewer'), retryDelayMs: 100 });
});

afterAll(async () => {
  await client?.close();
  await hub?.stop();
  await events?.close();
});

const publish = (value: number) =>
  events.publish<ReadingsAddedEvent>(DCS_STREAMS.readingsAdded, 'readings', {
    readings: [{ deviceId: 'julabo', metric: 'temperature', value, at: new Date().toISOString() }],
  } as ReadingsAddedEvent);

/** Publishes `value` every 100 ms until `done()` (a subscription may not be live yet; a deadline of 10 s). */
async function publishUntil(value: number, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${value} never arrived`);
    await publish(value);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('typed client across a subgraph restart', () => {
  it('keeps a resumable subscription alive and misses nothing published while dcs was down', async () => {
    const seen: number[] = [];
    let failure: unknown;
    const consuming = (async () => {
      try {
        for await (const { readingAdded } of client.subscribe(READINGS)) {
          seen.push(readingAdded.value);
          if (readingAdded.value === 4) break;
        }
      } catch (error) {
        failure = error;
      }
    })();
    await publishUntil(1, () => seen.length > 0);

    const dcsServer = hub.subgraphs['dcs']!;
    const port = dcsServer.port;
    await dcsServer.close();
    await publish(2);
    await publish(3);

    await hub.restartSubgraph('dcs', port);

    await publishUntil(4, () => seen.includes(4) || failure !== undefined);
    await consuming;
    expect(failure).toBeUndefined();
    // 1 may arrive more than once (published until the subscription was live); then 2, 3, 4 in order.
    expect(seen.filter((v) => v !== 1)).toEqual([2, 3, 4]);
    expect(seen[0]).toBe(1);
  });
});
