import { ServiceUnavailableError } from '@opshub/errors';
import { ErrorReply } from 'redis';
import type { DomainEvent } from './domain-event.js';
import { pushEventIds } from './packed-events.js';

/** One stream entry as Redis returns it: [id, [field, value, field, value…]]. */
export type RawEntry = [string, string[]];

/**
 * What a subscriber gets when Redis is unreachable or its connection dropped (a reply Redis did send,
 * `ErrorReply`, is a fault of the command and stays as it is): SERVICE_UNAVAILABLE, retryable; resume
 * with the last event id once Redis is back.
 */
export function unavailable(error: unknown): unknown {
  if (error instanceof ErrorReply || error instanceof ServiceUnavailableError) return error;
  return new ServiceUnavailableError(
    'redis',
    'the event stream is unavailable; subscribe again with `after` (the last event id) shortly',
  );
}

/** XREAD replies arrive as a map keyed by stream (node-redis 6) or as RESP2 pairs. */
export function streamEntries(
  reply: Record<string, RawEntry[]> | [string, RawEntry[]][] | null,
): RawEntry[][] {
  if (!reply) return [];
  return Array.isArray(reply) ? reply.map(([, entries]) => entries) : Object.values(reply);
}

/**
 * The events of one stream entry: one for an entry of `publish` (field `payload`); n for a packed entry of
 * `publishMany` (field `payloads`, a JSON array of n), with the ids `ms-(seq-n+1)` … `ms-seq` of its id `ms-seq`
 * (see packed-events.ts).
 */
export function expandEntry([id, fields]: RawEntry): DomainEvent[] {
  let type = 'unknown';
  let payload: string | undefined;
  let payloads: string | undefined;
  let outboxId: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1]!;
    switch (fields[i]) {
      case 'type':
        type = value;
        break;
      case 'payload':
        payload = value;
        break;
      case 'payloads':
        payloads = value;
        break;
      case 'outbox':
        outboxId = value;
    }
  }
  const event = (eventId: string, value: unknown): DomainEvent => {
    const e: DomainEvent = { id: eventId, type, payload: value };
    if (outboxId !== undefined) e.outboxId = outboxId;
    return e;
  };
  if (payloads === undefined) return [event(id, JSON.parse(payload ?? 'null'))];
  const values = JSON.parse(payloads) as unknown[];
  const ids: string[] = [];
  pushEventIds(ids, id, values.length);
  return values.map((value, i) => event(ids[i]!, value));
}

/** XINFO STREAM as a flat RESP2 list or a RESP3 map. */
export function infoField(info: unknown, name: string): unknown {
  if (Array.isArray(info)) {
    for (let i = 0; i + 1 < info.length; i += 2) if (info[i] === name) return info[i + 1];
    return undefined;
  }
  if (info instanceof Map) return info.get(name);
  return (info as Record<string, unknown> | null)?.[name];
}
