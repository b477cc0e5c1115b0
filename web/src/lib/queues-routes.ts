/** The queue admin's hash paths: `#/queues?queue=…&state=…&q=…` and `#/queues/job/<queue>/<id>`. */
export const JOB_STATE_NAMES = [
  'WAITING',
  'ACTIVE',
  'DELAYED',
  'PRIORITIZED',
  'WAITING_CHILDREN',
  'FAILED',
  'COMPLETED',
] as const;
export type JobStateName = (typeof JOB_STATE_NAMES)[number];

export interface QueuesView {
  /** The queue whose jobs are shown, or null for the overview alone. */
  queue: string | null;
  state: JobStateName;
  /** A job id or part of a job name; empty for no search. */
  search: string;
}

export type QueuesRoute =
  ({ name: 'queues' } & QueuesView) | { name: 'queue-job'; queue: string; id: string };

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function stateOf(text: string | null): JobStateName {
  const upper = text?.trim().toUpperCase();
  return JOB_STATE_NAMES.find((s) => s === upper) ?? 'FAILED';
}

/** The queue page of `pathname` (with its query), or null when the path is not one. */
export function parseQueuesRoute(pathname: string, query: string): QueuesRoute | null {
  if (pathname === '/queues') {
    const params = new URLSearchParams(query);
    return {
      name: 'queues',
      queue: params.get('queue')?.trim() || null,
      state: stateOf(params.get('state')),
      search: params.get('q')?.trim() ?? '',
    };
  }
  // Job ids are BullMQ's (digits, or a custom id that may hold a slash): the rest of the path.
  const job = /^\/queues\/job\/([^/]+)\/(.+)$/.exec(pathname);
  if (job) return { name: 'queue-job', queue: decode(job[1]!), id: decode(job[2]!) };
  return null;
}

/** The hash path of the queues page (only what differs from the defaults is written). */
export function queuesPath(view: QueuesView): string {
  const params = new URLSearchParams();
  if (view.queue) params.set('queue', view.queue);
  if (view.queue && view.state !== 'FAILED') params.set('state', view.state);
  if (view.queue && view.search.trim()) params.set('q', view.search.trim());
  const text = params.toString();
  return text ? `/queues?${text}` : '/queues';
}

/** The href of a job's page. */
export function jobHref(queue: string, id: string): string {
  return `#/queues/job/${encodeURIComponent(queue)}/${encodeURIComponent(id)}`;
}
