import type { DqmJobState } from '../gql/graphql';
import type { Tone } from './ous-state';

/** Badge colour per job state, typed by the API's enum: a state it adds fails the build here. */
const TONES = {
  RUNNING: 'busy',
  FINISHED: 'good',
  CRASHED: 'bad',
  STUCK: 'warn',
} as const satisfies Record<DqmJobState, Tone>;

/** The job states in the mirror's order (the codegen enum is sorted by name). */
export const JOB_STATES: readonly DqmJobState[] = Object.keys(TONES) as DqmJobState[];

export function jobTone(state: string): Tone {
  return (TONES as Record<string, Tone>)[state] ?? 'neutral';
}

/** The filter of the job table (null: any). */
export interface JobFilter {
  state: string | null;
  host: string | null;
  run: number | null;
}

interface JobLike {
  id: string;
  run: number;
  host: string;
  state: string;
  client: string;
}

export function matchesJob(filter: JobFilter, job: JobLike): boolean {
  return (
    (filter.state === null || job.state === filter.state) &&
    (filter.host === null || job.host === filter.host) &&
    (filter.run === null || job.run === filter.run)
  );
}

/** The table's order (the hub's): newest run first, then host and client. */
export function compareJobs(a: JobLike, b: JobLike): number {
  return (
    b.run - a.run ||
    a.host.localeCompare(b.host) ||
    a.client.localeCompare(b.client) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * A job's new state applied to the table: replaced in place, added when it now matches the filter,
 * dropped when it no longer does (a job that crashed leaves a "running" filter). `limit` keeps the
 * table the size the hub pages it at.
 */
export function applyJob<T extends JobLike>(
  jobs: readonly T[],
  job: T,
  filter: JobFilter,
  limit: number,
): T[] {
  const rest = jobs.filter((j) => j.id !== job.id);
  if (!matchesJob(filter, job)) return rest.length === jobs.length ? (jobs as T[]) : rest;
  return [...rest, job].sort(compareJobs).slice(0, limit);
}

export interface Delivery {
  stream: string;
  lumisection: number;
  delaySeconds: number;
  acceptedEvents: number;
}

/**
 * Per-stream series over a common lumisection axis (uPlot wants one x array): `null` where a stream
 * has no file for that lumisection, so its line shows the gap.
 */
export function deliverySeries(
  deliveries: readonly Delivery[],
  pick: (d: Delivery) => number,
): { streams: string[]; data: (number | null)[][] } {
  const streams = [...new Set(deliveries.map((d) => d.stream))].sort();
  const lumis = [...new Set(deliveries.map((d) => d.lumisection))].sort((a, b) => a - b);
  const at = new Map(lumis.map((l, i) => [l, i]));
  const rows = streams.map(() => new Array<number | null>(lumis.length).fill(null));
  for (const d of deliveries) rows[streams.indexOf(d.stream)]![at.get(d.lumisection)!] = pick(d);
  return { streams, data: [lumis, ...rows] };
}

/** A qualitative palette for streams (distinct in light and dark schemes). */
export const STREAM_COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];
