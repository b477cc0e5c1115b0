import type { GraphQLDataSource } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { EventQueue } from '@opshub/events';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { ClientConnection } from './connection.js';
import {
  completeEvent,
  eventPlan,
  primaryVariables,
  upstreamFailure,
  type SubscriptionRuntime,
} from './executor.js';
import type { PreparedSubscription } from './planner.js';
import type { Upstream } from './upstream.js';

/** Counters of what shared subscriptions cost (observable in tests and the benchmark). */
export interface SharingCounters {
  /** Upstream subscriptions opened to subgraphs. */
  upstreamSubscriptions: number;
  /** Executions of a subscription's plan (one per event per shared subscription). */
  planExecutions: number;
  /** Results handed to subscribers (each execution's result, once per member). */
  deliveries: number;
}

interface Member {
  channel: EventQueue<ExecutionResult>;
  connection: ClientConnection;
}

export interface SharedSubscriptionOptions {
  runtime: SubscriptionRuntime;
  prepared: PreparedSubscription;
  /** The upstream socket of this subscription's subgraph and scope. */
  upstream: Upstream;
  /** The scope's signed (and batched) data sources for the rest of the plan. */
  dataSources: Record<string, GraphQLDataSource>;
  /** The scope's context: its principal, the shared subscription's own request id and log. */
  context: GatewayContext;
  counters: SharingCounters;
  /** Called once when the last member leaves or the upstream ends: forget this subscription. */
  onClosed: () => void;
}

/**
 * One upstream subscription and one execution of the rest of the plan per event, for every client
 * subscription with the same operation, variables and authorisation scope (hub.ts builds the key).
 * Events are completed one at a time, in upstream order; each result is pushed into every member's
 * own queue at once (`EventQueue.push` does not wait), so a member that does not read delays
 * nobody: its socket's bound closes it (connection.ts). The upstream subscription ends when the
 * last member leaves; an upstream failure ends every member with the error.
 */
export class SharedSubscription {
  private readonly members = new Set<Member>();
  private readonly plan: QueryPlan;
  private unsubscribe: () => void = () => undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: SharedSubscriptionOptions) {
    this.plan = eventPlan(options.prepared);
  }

  get size(): number {
    return this.members.size;
  }

  /** Opens the upstream subscription (once, by the hub, after the first member joined). */
  start(): void {
    const { prepared, upstream, counters } = this.options;
    counters.upstreamSubscriptions++;
    this.unsubscribe = upstream.client.subscribe(
      {
        query: prepared.primary.operation,
        ...(prepared.primary.operationName ? { operationName: prepared.primary.operationName } : {}),
        variables: primaryVariables(prepared),
      },
      {
        next: (event) => this.eventArrived(event as ExecutionResult),
        error: (reason) =>
          this.enqueue(() => this.finish([...upstreamFailure(reason, prepared.primary.serviceName)])),
        complete: () => this.enqueue(() => this.finish()),
      },
    );
  }

  /** A client subscription joins: it gets every result from the next event on. */
  join(connection: ClientConnection): EventQueue<ExecutionResult> {
    const { runtime } = this.options;
    runtime.metrics.subscriptionStarted();
    const channel: EventQueue<ExecutionResult> = new EventQueue<ExecutionResult>(() => {
      runtime.metrics.subscriptionEnded();
      connection.closeFlow(flow);
      this.members.delete(member);
      if (this.members.size === 0) this.close();
    });
    const member: Member = { channel, connection };
    const flow = connection.openFlow(channel);
    this.members.add(member);
    return channel;
  }

  private eventArrived(event: ExecutionResult): void {
    if (this.closed) return;
    const { runtime, prepared, dataSources, context, counters, upstream } = this.options;
    upstream.eventArrived();
    this.enqueue(async () => {
      try {
        if (this.closed) return;
        counters.planExecutions++;
        const result = await completeEvent(runtime, prepared, this.plan, dataSources, context, event);
        this.deliver(result);
      } finally {
        upstream.eventCompleted();
      }
    });
  }

  /** One promise chain keeps events in upstream order however long each one's entity fetches take. */
  private enqueue(step: () => Promise<void> | void): void {
    this.chain = this.chain.then(step).catch((error: unknown) => {
      this.deliver({
        errors: [new GraphQLError('Subscription event failed', { originalError: error as Error })],
      });
    });
  }

  private deliver(result: ExecutionResult): void {
    for (const member of [...this.members]) {
      if (member.channel.isEnded) continue;
      member.channel.push(result);
      this.options.counters.deliveries++;
      this.options.runtime.metrics.eventsDelivered();
      member.connection.resultQueued();
    }
  }

  /** The upstream ended (completed, or failed with `errors`): end every member after its last result. */
  private finish(errors?: GraphQLError[]): void {
    if (errors) this.deliver({ errors });
    this.close();
    for (const member of [...this.members]) member.channel.end();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.options.onClosed();
  }
}
