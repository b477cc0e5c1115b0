import { BadUserInputError } from '@opshub/errors';
import {
  JSONScalar,
  PageArgs,
  pageArgs,
  subscribeOn,
  toConnection,
  type ConnectionShape,
  type SubgraphContext,
} from '@opshub/subgraph-kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  registerEnumType,
} from 'type-graphql';
import { hubActor } from '../hub-audit.js';
import type { DqmSquareServices } from '../services.js';
import { CONTROL_ROOM_ACTIONS, type ControlRoomAction as ActionName } from './control-room.service.js';
import { toDqmHost, toDqmJob, toDqmSquareRun } from './dqm-square.mapper.js';
import {
  Cluster,
  ControlRoomResult,
  DqmHost,
  DqmJob,
  DqmJobState,
  DqmRunSummary,
  DqmRunSummaryConnection,
  DqmSquareRun,
} from './dqm-square.type.js';

export enum ControlRoomAction {
  GET_DQM_CLIENTS = 'GET_DQM_CLIENTS',
  CHANGE_DQM_CLIENT = 'CHANGE_DQM_CLIENT',
  GET_CMSSW_INFO = 'GET_CMSSW_INFO',
  GET_DQM_MACHINES = 'GET_DQM_MACHINES',
  RESTART_HLTD = 'RESTART_HLTD',
  RESTART_FFF = 'RESTART_FFF',
  GET_HLTD_LOGS = 'GET_HLTD_LOGS',
  GET_FFF_LOGS = 'GET_FFF_LOGS',
  GET_CLUSTER_STATUS = 'GET_CLUSTER_STATUS',
  START_PLAYBACK_RUN = 'START_PLAYBACK_RUN',
}
registerEnumType(ControlRoomAction, {
  name: 'ControlRoomAction',
  description: `The agent's /cr/exe verbs: ${Object.values(CONTROL_ROOM_ACTIONS).join(', ')}.`,
});

/** Jobs are paged by `after` = the last job id received (its run is part of the id). */
function afterKey(after: string | null): { run: number; id: string } | undefined {
  if (!after) return undefined;
  const run = /^run(\d+)-/.exec(after)?.[1];
  if (!run)
    throw new BadUserInputError('after must be a DqmJob id returned by this API', { argument: 'after' });
  return { run: Number(run), id: after };
}

@Resolver()
export class DqmSquareResolver {
  constructor(readonly square: DqmSquareServices) {}

  @Authorized()
  @Query(() => [DqmHost], { description: 'The registered agents, by cluster then name.' })
  async dqmHosts(
    @Arg('cluster', () => Cluster, { nullable: true }) cluster: Cluster | null,
  ): Promise<DqmHost[]> {
    return (await this.square.hosts.list(cluster ?? undefined)).map(toDqmHost);
  }

  @Authorized()
  @Query(() => [DqmJob], {
    description:
      'Jobs, newest run first; `first` (1–1000, default 500) and `after` (the last job id received) page them.',
  })
  async dqmJobs(
    @Arg('cluster', () => Cluster) cluster: Cluster,
    @Arg('run', () => Int, { nullable: true }) run: number | null,
    @Arg('state', () => DqmJobState, { nullable: true }) state: DqmJobState | null,
    @Arg('host', () => String, { nullable: true, description: "A machine's pseudonym (fu-07)." })
    host: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<DqmJob[]> {
    const take = first ?? 500;
    if (!Number.isInteger(take) || take < 1 || take > 1000) {
      throw new BadUserInputError('first must be between 1 and 1000', { argument: 'first' });
    }
    const filter = {
      cluster,
      ...(run !== null ? { run } : {}),
      ...(state ? { state } : {}),
      ...(host ? { hostName: host } : {}),
    };
    const rows = await this.square.jobs.page(filter, take, afterKey(after));
    const now = this.square.jobs.now();
    return rows.map((r) => toDqmJob(r, now));
  }

  @Authorized()
  @Query(() => DqmSquareRun, {
    nullable: true,
    description: 'A run as the mirror shows it; null when unknown.',
  })
  async dqmSquareRun(
    @Arg('run', () => Int) run: number,
    @Arg('cluster', () => Cluster, { nullable: true }) cluster: Cluster | null,
  ): Promise<DqmSquareRun | null> {
    const summary = await this.square.jobs.run(run, cluster ?? undefined);
    return summary ? toDqmSquareRun(summary) : null;
  }

  @Authorized()
  @Query(() => DqmRunSummaryConnection, {
    description:
      'The run timeline, newest run first; onlyBad: a job exited ≠ 0; hasLumisections: data was processed.',
  })
  async dqmRunSummaries(
    @Arg('cluster', () => Cluster) cluster: Cluster,
    @Arg('onlyBad', () => Boolean, { nullable: true }) onlyBad: boolean | null,
    @Arg('hasLumisections', () => Boolean, { nullable: true }) hasLumisections: boolean | null,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<DqmRunSummary>> {
    const { first, after } = pageArgs(page);
    const beforeRun = after?.[0];
    if (after && (after.length !== 1 || typeof beforeRun !== 'number')) {
      throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
        argument: 'after',
      });
    }
    const filter = { cluster, onlyBad: onlyBad ?? false, hasLumisections: hasLumisections ?? false };
    const { rows, total } = await this.square.jobs.runSummaries(
      filter,
      first + 1,
      beforeRun as number | undefined,
    );
    return toConnection(
      rows,
      first,
      total,
      (r) => ({
        ...r,
        bad: r.crashed > 0,
        hasLumisections: (r.maxLumisection ?? 0) > 0 || r.hasDeliveries,
      }),
      (r) => [r.run],
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => DqmHost, { description: 'Registers an agent by its base URL (http://host:9215).' })
  async addDqmHost(
    @Arg('cluster', () => Cluster) cluster: Cluster,
    @Arg('url') url: string,
    @Arg('controlSecret', () => String, {
      nullable: true,
      description: "The agent's control-room cookie secret.",
    })
    controlSecret: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DqmHost> {
    return toDqmHost(await this.square.hosts.add(cluster, url, controlSecret, hubActor(ctx)));
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: 'Unregisters an agent; its jobs go with it.' })
  removeDqmHost(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.square.hosts.remove(id, hubActor(ctx));
  }

  @Authorized('ADMIN')
  @Mutation(() => ControlRoomResult, {
    description:
      'Runs an agent verb with typed arguments (CHANGE_DQM_CLIENT {client, enabled}; START_PLAYBACK_RUN {run, runKey, lumisections}); audited.',
  })
  controlRoom(
    @Arg('action', () => ControlRoomAction) action: ControlRoomAction,
    @Arg('host', () => String, { description: 'A DqmHost id (String, as api.md names it).' }) host: string,
    @Arg('args', () => JSONScalar, { nullable: true }) args: unknown,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ControlRoomResult> {
    const caller = { username: ctx.user?.username ?? 'unknown', hub: hubActor(ctx) };
    return this.square.controlRoom.run(caller, action as ActionName, host, args);
  }

  @Authorized()
  @Subscription(() => DqmJob, {
    description: 'Each job whose document came back with a new rev, in the cluster (and run).',
    subscribe: subscribeOn(
      () => DqmSquareResolver,
      (resolver, args: { cluster: Cluster; run?: number | null }) =>
        resolver.square.jobs.subscribe(args.cluster, args.run ?? undefined),
    ),
  })
  dqmJobUpdated(
    @Root() job: Parameters<typeof toDqmJob>[0],
    @Arg('cluster', () => Cluster) _cluster: Cluster,
    @Arg('run', () => Int, { nullable: true }) _run: number | null,
  ): DqmJob {
    return toDqmJob(job, this.square.jobs.now());
  }

  @Authorized()
  @Subscription(() => DqmHost, {
    description: 'An agent went up or down, or its error or name changed.',
    subscribe: subscribeOn(
      () => DqmSquareResolver,
      (resolver, args: { cluster?: Cluster | null }) =>
        resolver.square.hosts.subscribe(args.cluster ?? undefined),
    ),
  })
  dqmHostChanged(
    @Root() host: Parameters<typeof toDqmHost>[0],
    @Arg('cluster', () => Cluster, { nullable: true }) _cluster: Cluster | null,
  ): DqmHost {
    return toDqmHost(host);
  }
}
