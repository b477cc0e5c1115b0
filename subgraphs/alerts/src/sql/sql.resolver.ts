import type { Principal } from '@opshub/auth';
import { UnauthenticatedError } from '@opshub/errors';
import {
  JSONScalar,
  PageArgs,
  subscribeOn,
  type ConnectionShape,
  type SubgraphContext,
} from '@opshub/subgraph-kit';
import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SqlRunRow } from './sql-run.repository.js';
import { sqlRunFileUrl, type SqlService } from './sql.service.js';
import { SqlResult, SqlRun, SqlRunConnection } from './sql.type.js';

const toSqlRun = (r: SqlRunRow): SqlRun => {
  const id = r.id.toString();
  const done = r.state === 'SUCCEEDED';
  return {
    id,
    state: r.state,
    query: r.query,
    params: Array.isArray(r.params) ? (r.params as unknown[]) : [],
    submittedAt: r.submittedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    rowCount: r.rowCount === null ? null : Number(r.rowCount),
    error: r.error,
    errorCode: r.errorCode,
    csvUrl: done ? sqlRunFileUrl(id, 'csv') : null,
    jsonUrl: done ? sqlRunFileUrl(id, 'json') : null,
  };
};

const caller = (ctx: SubgraphContext): Principal => {
  if (!ctx.user) throw new UnauthenticatedError();
  return ctx.user;
};

@Resolver(() => SqlRun)
export class SqlResolver {
  constructor(private readonly sql: SqlService) {}

  @Authorized('SQL')
  @Query(() => SqlResult, {
    description:
      'Runs one read-only query on the alerts schema (as a reader role, in a READ ONLY transaction, with a timeout and a row cap). ' +
      'params bind $1, $2, …',
  })
  sqlQuery(
    @Arg('query') query: string,
    @Arg('params', () => [JSONScalar], { nullable: true }) params?: unknown[],
  ): Promise<SqlResult> {
    return this.sql.query(query, params ?? []);
  }

  @Authorized('SQL')
  @Mutation(() => SqlRun, {
    description: 'Queues a read-only query as a run: all its rows as CSV and JSON files.',
  })
  async submitSqlQuery(
    @Arg('query') query: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('params', () => [JSONScalar], { nullable: true }) params?: unknown[],
  ): Promise<SqlRun> {
    return toSqlRun(await this.sql.submit(caller(ctx), query, params ?? []));
  }

  @Authorized('SQL')
  @Query(() => SqlRunConnection, { description: "The caller's submitted runs, newest first." })
  async sqlRuns(@Args() args: PageArgs, @Ctx() ctx: SubgraphContext): Promise<ConnectionShape<SqlRun>> {
    const page = await this.sql.history(caller(ctx), args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toSqlRun(e.node) })) };
  }

  @Authorized('SQL')
  @Subscription(() => SqlRun, {
    description: "The caller's submitted runs as they start, succeed or fail (no polling of sqlRuns).",
    subscribe: subscribeOn(
      () => SqlResolver,
      async (resolver, _args, ctx) => {
        const runs = await resolver.sql.updates(caller(ctx));
        return {
          [Symbol.asyncIterator]: () => {
            const it = runs[Symbol.asyncIterator]();
            return {
              next: async () => {
                const r = await it.next();
                return r.done ? r : { done: false, value: toSqlRun(r.value) };
              },
              return: async () => {
                await it.return?.();
                return { done: true, value: undefined };
              },
            };
          },
        };
      },
    ),
  })
  sqlRunUpdated(@Root() run: SqlRun): SqlRun {
    return run;
  }
}
