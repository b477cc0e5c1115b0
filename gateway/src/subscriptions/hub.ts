import { randomUUID } from 'node:crypto';
import type { GraphQLDataSource } from '@apollo/gateway';
import { INTERNAL_HEADER } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import type { EventQueue } from '@opshub/events';
import { print, type ExecutionResult, type ValueNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import { signatureFor } from '../data-source.js';
import type { ClientConnection } from './connection.js';
import { EntityBatcher, stableJson, type BatchCounters } from './entity-batcher.js';
import type { SubscriptionRuntime } from './executor.js';
import type { PreparedSubscription } from './planner.js';
import { dependsOnCaller, selectedCoordinates, sharingScope, type SharingScope } from './scope.js';
import { SharedSubscription, type SharingCounters } from './shared-subscription.js';
import { Upstream } from './upstream.js';

/** What sharing does, counted since the gateway started (tests, benchmark, logs). */
export interface SharingStats extends SharingCounters, BatchCounters {
  /** Shared subscriptions open now (distinct operation + variables + scope). */
  readonly groups: number;
  /** Upstream sockets open now (one per subgraph and scope). */
  readonly upstreamSockets: number;
}

/**
 * True when the root field is asked to replay from a position (`after`): such a stream is the
 * caller's own. A root selected through a fragment is not looked into: treated as resuming.
 */
function resumes(prepared: PreparedSubscription): boolean {
  for (const selection of prepared.operation.selectionSet.selections) {
    if (selection.kind !== 'Field') return true;
    for (const argument of selection.arguments ?? []) {
      if (argument.name.value === 'after' && !isNull(argument.value, prepared.variables)) return true;
    }
  }
  return false;
}

const isNull = (value: ValueNode, variables: Record<string, unknown>): boolean =>
  value.kind === 'NullValue' || (value.kind === 'Variable' && variables[value.name.value] == null);

/**
 * The gateway's shared subscriptions: client subscriptions with the same operation (the printed
 * document, so spacing and comments do not matter), variables and authorisation scope (scope.ts)
 * join one `SharedSubscription`. Per scope the hub keeps one upstream socket per subgraph and one
 * `EntityBatcher` per subgraph, so the entity fetches of all shared subscriptions of a scope that
 * complete the same event are one `_entities` call. A subscription that resumes (`after`) replays
 * its own backlog and is never shared.
 */
export class SubscriptionHub {
  private readonly groups = new Map<string, SharedSubscription>();
  private readonly upstreams = new Map<string, Upstream>();
  private readonly sources = new Map<string, Record<string, GraphQLDataSource>>();
  /** Open shared subscriptions per scope: a scope's batchers are dropped with its last one. */
  private readonly scopeGroups = new Map<string, number>();
  private readonly counters: SharingCounters & BatchCounters = {
    upstreamSubscriptions: 0,
    planExecutions: 0,
    deliveries: 0,
    entityFetches: 0,
    entityCalls: 0,
  };
  /** Whether each operation text selects caller-dependent fields (bounded like the plan cache). */
  private readonly perUser = new Map<string, boolean>();

  constructor(
    private readonly runtime: SubscriptionRuntime,
    private readonly log: Logger,
    private readonly upstreamHighWater: number,
  ) {}

  get stats(): SharingStats {
    return { ...this.counters, groups: this.groups.size, upstreamSockets: this.upstreams.size };
  }

  /** Joins (or opens) the shared subscription for this client subscription; its results queue. */
  subscribe(prepared: PreparedSubscription, connection: ClientConnection): EventQueue<ExecutionResult> {
    const scope = sharingScope(connection.user, this.dependsOnCaller(prepared));
    const key = resumes(prepared)
      ? `own:${randomUUID()}`
      : [
          scope.key,
          prepared.operationName ?? '',
          print(prepared.document),
          stableJson(prepared.variables),
        ].join('\u0000');
    const existing = this.groups.get(key);
    if (existing) return existing.join(connection);

    const upstreamKey = `${prepared.primary.serviceName}\u0000${scope.key}`;
    const upstream = this.upstream(prepared.primary.serviceName, upstreamKey, scope);
    const id = randomUUID();
    const context: GatewayContext = {
      user: scope.principal,
      requestId: id,
      log: this.log.child({ shared: id, scope: scope.key }),
    };
    const group = new SharedSubscription({
      runtime: this.runtime,
      prepared,
      upstream,
      dataSources: this.dataSources(scope),
      context,
      counters: this.counters,
      onClosed: () => {
        if (this.groups.get(key) === group) this.groups.delete(key);
        const left = (this.scopeGroups.get(scope.key) ?? 1) - 1;
        if (left > 0) this.scopeGroups.set(scope.key, left);
        else {
          this.scopeGroups.delete(scope.key);
          this.sources.delete(scope.key);
        }
        upstream.users--;
        if (upstream.users > 0) return;
        this.upstreams.delete(upstreamKey);
        upstream.dispose();
      },
    });
    upstream.users++;
    this.scopeGroups.set(scope.key, (this.scopeGroups.get(scope.key) ?? 0) + 1);
    this.groups.set(key, group);
    const channel = group.join(connection);
    group.start();
    return channel;
  }

  private dependsOnCaller(prepared: PreparedSubscription): boolean {
    const key = `${prepared.operationName ?? ''}\u0000${prepared.source}`;
    let answer = this.perUser.get(key);
    if (answer === undefined) {
      answer = dependsOnCaller(selectedCoordinates(this.runtime.planner.apiGraphQLSchema, prepared.document));
      if (this.perUser.size >= 500) this.perUser.delete(this.perUser.keys().next().value as string);
      this.perUser.set(key, answer);
    }
    return answer;
  }

  private upstream(subgraph: string, key: string, scope: SharingScope): Upstream {
    let upstream = this.upstreams.get(key);
    if (upstream) return upstream;
    const url = this.runtime.subgraphUrls[subgraph];
    if (!url) throw new Error(`No URL for subgraph ${subgraph}`);
    // Called on every (re)connect: a fresh signature each time, as the scope's principal.
    const context: GatewayContext = { user: scope.principal, requestId: randomUUID(), log: this.log };
    upstream = new Upstream(
      url,
      async () => ({ [INTERNAL_HEADER]: signatureFor(this.runtime.secret, subgraph, context) }),
      this.upstreamHighWater,
    );
    this.upstreams.set(key, upstream);
    return upstream;
  }

  /** The scope's data sources: each subgraph's signed source behind an entity batcher. */
  private dataSources(scope: SharingScope): Record<string, GraphQLDataSource> {
    let sources = this.sources.get(scope.key);
    if (!sources) {
      sources = Object.fromEntries(
        Object.entries(this.runtime.dataSources).map(([name, source]) => [
          name,
          new EntityBatcher(source, this.counters),
        ]),
      );
      this.sources.set(scope.key, sources);
    }
    return sources;
  }
}
