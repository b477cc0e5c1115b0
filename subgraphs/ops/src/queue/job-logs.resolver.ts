import { Arg, Authorized, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Job } from './job.type.js';
import { requireQueues } from './queue.resolver.js';
import type { QueueService } from './queue.service.js';

/** `Job.logs`: the lines a processor wrote with `job.log`, read when selected. */
@Resolver(() => Job)
export class JobLogsResolver {
  constructor(private readonly queues: QueueService | undefined) {}

  // Processors log paths, hosts and counts: ADMIN only, as stacktrace. Nullable so that anyone else
  // gets FORBIDDEN for this field and the rest of the job.
  @Authorized('ADMIN')
  @FieldResolver(() => [String], {
    nullable: true,
    description:
      'The last `last` (1–1000) log lines of the job, oldest first. ADMIN only (FORBIDDEN and null otherwise).',
  })
  logs(@Root() job: Job, @Arg('last', () => Int, { defaultValue: 100 }) last: number): Promise<string[]> {
    return requireQueues(this.queues).logs(job, last);
  }
}
