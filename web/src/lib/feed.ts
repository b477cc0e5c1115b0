import type { ResultOf } from '@graphql-typed-document-node/core';
import type { OusStateChangedDocument } from '@opshub/client/documents';

export type OusEvent = ResultOf<typeof OusStateChangedDocument>['ousStateChanged'];

/** One row of the live feed; `key` is local so that repeated transitions of one OUS stay distinct. */
export interface FeedEntry {
  key: number;
  at: string;
  ousId: string;
  programId: string;
  from: string | null;
  to: string;
  actor: string | null;
  reason: string | null;
}

export const FEED_CAP = 100;

export function toFeedEntry(event: OusEvent, key: number): FeedEntry {
  return {
    key,
    at: event.transition.at,
    ousId: event.ous.id,
    programId: event.ous.programId,
    from: event.transition.from ?? null,
    to: event.transition.to,
    actor: event.transition.actor?.username ?? null,
    reason: event.transition.reason ?? null,
  };
}

/** Newest first, at most `cap` entries. */
export function prependCapped<T>(list: readonly T[], item: T, cap = FEED_CAP): T[] {
  return [item, ...list.slice(0, Math.max(0, cap - 1))];
}
