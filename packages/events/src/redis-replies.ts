import { ServiceUnavailableError } from '@opshub/errors';
import { ErrorReply } from 'redis';
import type { DomainEvent } from './domain-event.js';

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

export function parseEntry([id, fields]: RawEntry): DomainEvent {
  const map: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) map[fields[i]!] = fields[i + 1]!;
  const event: DomainEvent = {
    id,
    type: map['type'] ?? 'unknown',
    payload: JSON.parse(map['payload'] ?? 'null'),
  };
  if (map['outbox'] !== undefined) event.outboxId = map['outbox'];
  return event;
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
