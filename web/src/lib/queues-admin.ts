import type { Client, CombinedError } from '@urql/core';
import { graphql } from '../gql';
import { describeError, type ShownError } from './errors';
import { STATE_LABELS } from './queues';
import type { JobStateName } from './queues-routes';

/** An admin action waiting for the user's yes in the confirm dialog: what it does, and how to run it. */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  /** Irreversible (remove, clean): the button is red. */
  danger?: boolean;
  /** Runs the action; resolves to the hub's coded refusal, or to a line saying what was done. */
  run: () => Promise<{ error: ShownError } | { done: string }>;
}

const RetryJobDocument = graphql(`
  mutation QueueRetryJob($queue: String!, $id: ID!) {
    retryJob(queue: $queue, id: $id) {
      id
      state
    }
  }
`);
const RemoveJobDocument = graphql(`
  mutation QueueRemoveJob($queue: String!, $id: ID!) {
    removeJob(queue: $queue, id: $id)
  }
`);
const PromoteJobDocument = graphql(`
  mutation QueuePromoteJob($queue: String!, $id: ID!) {
    promoteJob(queue: $queue, id: $id) {
      id
      state
    }
  }
`);
const RetryAllFailedDocument = graphql(`
  mutation QueueRetryAllFailed($queue: String!) {
    retryAllFailed(queue: $queue)
  }
`);
const CleanQueueDocument = graphql(`
  mutation QueueClean($queue: String!, $state: JobState!, $olderThanSeconds: Int!) {
    cleanQueue(queue: $queue, state: $state, olderThanSeconds: $olderThanSeconds)
  }
`);
const PauseQueueDocument = graphql(`
  mutation QueuePause($name: String!) {
    pauseQueue(name: $name) {
      name
      paused
    }
  }
`);
const ResumeQueueDocument = graphql(`
  mutation QueueResume($name: String!) {
    resumeQueue(name: $name) {
      name
      paused
    }
  }
`);

type Outcome = { error: ShownError } | { done: string };

function outcome<T>(result: { data?: T; error?: CombinedError }, done: (data: T) => string): Outcome {
  if (result.error) return { error: describeError(result.error) };
  if (!result.data) return { error: { code: 'INTERNAL_SERVER_ERROR', message: 'The hub sent no answer' } };
  return { done: done(result.data) };
}

export function retryJobRequest(client: Client, queue: string, id: string, name: string): ConfirmRequest {
  return {
    title: 'Retry job',
    message: `Run job ${id} (${name}) of ${queue} again, with its attempts reset?`,
    confirmLabel: 'Retry',
    run: async () =>
      outcome(
        await client.mutation(RetryJobDocument, { queue, id }),
        (d) => `Job ${id} is ${d.retryJob.state.toLowerCase()} again`,
      ),
  };
}

export function removeJobRequest(client: Client, queue: string, id: string, name: string): ConfirmRequest {
  return {
    title: 'Remove job',
    message: `Delete job ${id} (${name}) from ${queue}? Its data, logs and result are lost.`,
    confirmLabel: 'Remove',
    danger: true,
    run: async () =>
      outcome(await client.mutation(RemoveJobDocument, { queue, id }), () => `Job ${id} removed`),
  };
}

export function promoteJobRequest(client: Client, queue: string, id: string, name: string): ConfirmRequest {
  return {
    title: 'Promote job',
    message: `Run delayed job ${id} (${name}) of ${queue} now instead of at its time?`,
    confirmLabel: 'Promote',
    run: async () =>
      outcome(
        await client.mutation(PromoteJobDocument, { queue, id }),
        (d) => `Job ${id} is ${d.promoteJob.state.toLowerCase()}`,
      ),
  };
}

export function retryAllFailedRequest(client: Client, queue: string, failed: number): ConfirmRequest {
  return {
    title: 'Retry all failed jobs',
    message: `Put the ${failed} failed job${failed === 1 ? '' : 's'} of ${queue} back to wait?`,
    confirmLabel: 'Retry all',
    run: async () =>
      outcome(
        await client.mutation(RetryAllFailedDocument, { queue }),
        (d) => `${d.retryAllFailed} failed job${d.retryAllFailed === 1 ? '' : 's'} put back to wait`,
      ),
  };
}

export function cleanRequest(
  client: Client,
  queue: string,
  state: JobStateName,
  olderThanSeconds: number,
  ageLabel: string,
): ConfirmRequest {
  const label = STATE_LABELS[state].toLowerCase();
  return {
    title: 'Clean queue',
    message: `Delete the ${label} jobs of ${queue} ${ageLabel === 'any age' ? 'of any age' : ageLabel}? They cannot be brought back.`,
    confirmLabel: 'Clean',
    danger: true,
    run: async () =>
      outcome(
        await client.mutation(CleanQueueDocument, { queue, state, olderThanSeconds }),
        (d) => `${d.cleanQueue} ${label} job${d.cleanQueue === 1 ? '' : 's'} removed`,
      ),
  };
}

export function pauseRequest(client: Client, queue: string, paused: boolean): ConfirmRequest {
  return paused
    ? {
        title: 'Resume queue',
        message: `Let the workers take jobs from ${queue} again?`,
        confirmLabel: 'Resume',
        run: async () =>
          outcome(await client.mutation(ResumeQueueDocument, { name: queue }), () => `${queue} resumed`),
      }
    : {
        title: 'Pause queue',
        message: `Stop the workers taking new jobs from ${queue}? Active jobs finish; new ones wait until it is resumed.`,
        confirmLabel: 'Pause',
        run: async () =>
          outcome(await client.mutation(PauseQueueDocument, { name: queue }), () => `${queue} paused`),
      };
}
