import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Job, JobState } from './job.type.js';
import type { QueueAdminService } from './queue-admin.service.js';
import { requireQueues } from './queue.resolver.js';
import type { QueueRef, QueueService } from './queue.service.js';
import { Queue } from './queue.type.js';

/** The queue admin mutations: ADMIN only, each audited (QueueAdminService). */
@Resolver(() => Queue)
export class QueueAdminResolver {
  constructor(private readonly queues: QueueService | undefined) {}

  private get admin(): QueueAdminService {
    return requireQueues(this.queues).admin;
  }

  @Authorized('ADMIN')
  @Mutation(() => Job, {
    description:
      'Runs a failed or completed job again, with its attempts reset (INVALID_TRANSITION otherwise).',
  })
  retryJob(
    @Arg('queue') queue: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Job> {
    return this.admin.retryJob(queue, id, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, {
    description: 'Deletes a job that is not being processed (CONFLICT while it is).',
  })
  removeJob(
    @Arg('queue') queue: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return this.admin.removeJob(queue, id, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Job, {
    description: 'Runs a delayed job now instead of at its time (INVALID_TRANSITION when it is not delayed).',
  })
  promoteJob(
    @Arg('queue') queue: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Job> {
    return this.admin.promoteJob(queue, id, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Int, {
    description: 'Puts every failed job of the queue back to wait with its attempts reset; returns how many.',
  })
  retryAllFailed(@Arg('queue') queue: string, @Ctx() ctx: SubgraphContext): Promise<number> {
    return this.admin.retryAllFailed(queue, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Int, {
    description:
      'Removes the jobs of `state` (COMPLETED, FAILED, DELAYED, WAITING or PRIORITIZED) older than `olderThanSeconds`; returns how many.',
  })
  cleanQueue(
    @Arg('queue') queue: string,
    @Arg('state', () => JobState) state: JobState,
    @Arg('olderThanSeconds', () => Int) olderThanSeconds: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return this.admin.clean(queue, state, olderThanSeconds, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Queue, { description: 'Workers stop taking jobs from the queue; active jobs finish.' })
  async pauseQueue(@Arg('name') name: string, @Ctx() ctx: SubgraphContext): Promise<QueueRef> {
    return { name: await this.admin.pause(name, ctx) };
  }

  @Authorized('ADMIN')
  @Mutation(() => Queue, { description: 'Workers take jobs from the queue again.' })
  async resumeQueue(@Arg('name') name: string, @Ctx() ctx: SubgraphContext): Promise<QueueRef> {
    return { name: await this.admin.resume(name, ctx) };
  }
}
