import type { Env } from '@opshub/config';

export interface DqmSquareAgentSetting {
  cluster: 'PRODUCTION' | 'PLAYBACK';
  url: string;
}

/** What the dqm-square module needs; tests pass their own, `main` reads the environment. */
export interface DqmSquareWorkerSettings {
  /** Registered at start when not yet known (idempotent by URL). */
  agents: DqmSquareAgentSetting[];
  /** Their control-room secret (the simulated agents'). */
  agentSecret?: string;
  /** The key of the host names' pseudonyms (DQM_PSEUDONYM_KEY, the dqm subgraph's too); unset: no sync. */
  pseudonymKey?: string;
  syncEveryMs: number;
  timeoutMs: number;
  batchSize: number;
  keepLogs: boolean;
  statusRetentionHours: number;
}

/** The settings the dqm-square module reads in the workers process (validated once with the others', by main). */
export const DQM_SQUARE_WORKER_KEYS = [
  'DQM_PSEUDONYM_KEY',
  'DQM_SQUARE_AGENTS',
  'DQM_AGENT_SECRET',
  'DQM_SQUARE_SYNC_EVERY_MS',
  'DQM_SQUARE_TIMEOUT_MS',
  'DQM_SQUARE_BATCH',
  'DQM_SQUARE_KEEP_LOGS',
  'DQM_SQUARE_STATUS_RETENTION_HOURS',
] as const;

export function dqmSquareSettingsOf(
  env: Env<(typeof DQM_SQUARE_WORKER_KEYS)[number]>,
): DqmSquareWorkerSettings {
  const agents = (env.DQM_SQUARE_AGENTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [cluster, ...url] = pair.split('=');
      return { cluster: cluster as DqmSquareAgentSetting['cluster'], url: url.join('=') };
    });
  return {
    agents,
    ...(env.DQM_AGENT_SECRET ? { agentSecret: env.DQM_AGENT_SECRET } : {}),
    ...(env.DQM_PSEUDONYM_KEY ? { pseudonymKey: env.DQM_PSEUDONYM_KEY } : {}),
    syncEveryMs: env.DQM_SQUARE_SYNC_EVERY_MS,
    timeoutMs: env.DQM_SQUARE_TIMEOUT_MS,
    batchSize: env.DQM_SQUARE_BATCH,
    keepLogs: env.DQM_SQUARE_KEEP_LOGS,
    statusRetentionHours: env.DQM_SQUARE_STATUS_RETENTION_HOURS,
  };
}
