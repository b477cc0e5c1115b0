import type { Env } from '@opshub/config';

/** What the dqm module needs; tests pass their own, `main` reads the environment. */
export interface DqmWorkerSettings {
  /** Registered as a NectarCAM source at start (idempotent); none: only the sources added through the API. */
  nectarcamSourceUrl?: string;
  pullEveryMs: number;
  maxBytes: number;
}

/** The settings the dqm module reads in the workers process (validated once with the others', by main). */
export const DQM_WORKER_KEYS = [
  'NECTARCAM_SOURCE_URL',
  'NECTARCAM_PULL_EVERY_MS',
  'NECTARCAM_MAX_BYTES',
] as const;

export function dqmSettingsOf(env: Env<(typeof DQM_WORKER_KEYS)[number]>): DqmWorkerSettings {
  return {
    ...(env.NECTARCAM_SOURCE_URL ? { nectarcamSourceUrl: env.NECTARCAM_SOURCE_URL } : {}),
    pullEveryMs: env.NECTARCAM_PULL_EVERY_MS,
    maxBytes: env.NECTARCAM_MAX_BYTES,
  };
}
