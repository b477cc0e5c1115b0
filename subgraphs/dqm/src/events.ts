import type { DomainEvent } from '@opshub/events';
import type { DqmRun } from './dqm-run/dqm-run.type.js';

/**
 * The dqm domain's event streams and payloads: the one place a dqm event is declared. Every stream
 * goes through the dqm outbox (delivered even when Redis was down at commit time).
 */
export const DQM_STREAMS = {
  /** A NectarCAM run was stored (first pull, or its changed file replaced it). Outbox. */
  dqmRunIngested: 'dqm.run-ingested',
  /** A DQM² job's document came back with a new rev (payloads in dqm-square/dqm-square.events.ts). Outbox. */
  dqmJobUpdated: 'dqm.job-updated',
  /** A DQM² agent went up or down, or its error or name changed. Outbox. */
  dqmHostChanged: 'dqm.host-changed',
} as const;

/** Payload of `dqm.run-ingested`. */
export interface DqmRunIngestedEvent {
  camera: string;
  runNumber: number;
  /** ISO 8601. */
  startedAt: string;
  endedAt: string | null;
  fileName: string;
  sha256: string;
  quantities: number;
  /** DqmRun.badPixels as stored with the run (absent from events written before it existed). */
  badPixels?: number | null;
  /** True when the run existed and its changed file replaced it. */
  replaced: boolean;
}

/** `dqmRunIngested` as GraphQL. */
export function dqmRunOfEvent({ payload: r }: DomainEvent<DqmRunIngestedEvent>): DqmRun {
  return {
    camera: r.camera,
    runNumber: r.runNumber,
    startedAt: new Date(r.startedAt),
    endedAt: r.endedAt ? new Date(r.endedAt) : null,
    badPixels: r.badPixels ?? null,
  };
}
