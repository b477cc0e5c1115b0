import { createHash, timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { answerSnapshotRequests, collectFromPrimary, inClusterWorker } from './metrics-cluster.js';
import { MetricSet, type MetricDef, type MetricsSnapshot } from '@opshub/metrics';

/** Seconds; covers a cached one-hop query (ms) up to a slow multi-subgraph one. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Distinct operation names kept as label values; later names are counted as `other`. Operation names
 * come from clients, and each name is one series per bucket: without a cap a script that names every
 * request differently would grow the gateway's memory and Prometheus' index without bound.
 */
export const DEFAULT_MAX_OPERATION_NAMES = 200;

export type Outcome = 'ok' | 'error';
export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** What the shared subscriptions have done (subscriptions/hub.ts SharingStats), by field. */
export interface SharingFigures {
  upstreamSubscriptions: number;
  planExecutions: number;
  deliveries: number;
  entityFetches: number;
  entityCalls: number;
  groups: number;
  upstreamSockets: number;
}

const SHARING_SERIES: readonly [keyof SharingFigures, string, 'counter' | 'gauge', string][] = [
  [
    'groups',
    'opshub_gateway_subscription_groups',
    'gauge',
    'Shared subscriptions open (distinct operation, variables and scope).',
  ],
  [
    'upstreamSockets',
    'opshub_gateway_subscription_upstream_sockets',
    'gauge',
    'Sockets open to subgraphs for subscriptions (one per subgraph and scope).',
  ],
  [
    'upstreamSubscriptions',
    'opshub_gateway_subscription_upstreams_total',
    'counter',
    'Subscriptions opened to subgraphs (one per shared subscription).',
  ],
  [
    'planExecutions',
    'opshub_gateway_subscription_plan_executions_total',
    'counter',
    'Executions of a subscription plan (one per event per shared subscription).',
  ],
  [
    'entityFetches',
    'opshub_gateway_subscription_entity_fetches_total',
    'counter',
    '`_entities` fetches the subscription plans asked for.',
  ],
  [
    'entityCalls',
    'opshub_gateway_subscription_entity_calls_total',
    'counter',
    '`_entities` calls sent for them (batched per subgraph and scope within an event tick).',
  ],
];

export const GATEWAY_METRICS: readonly MetricDef[] = [
  {
    name: 'opshub_gateway_requests_total',
    type: 'counter',
    help: 'GraphQL operations by type (label operation) and outcome; subscriptions counted at their start.',
  },
  {
    name: 'opshub_gateway_request_duration_seconds',
    type: 'histogram',
    help: 'Time to answer an HTTP GraphQL request, all operations together.',
    buckets: BUCKETS,
    initial: [''],
  },
  {
    name: 'opshub_gateway_operation_duration_seconds',
    type: 'histogram',
    help: 'Time to answer an HTTP GraphQL operation, by operation name (anonymous, other past the cap) and type.',
    buckets: BUCKETS,
  },
  {
    name: 'opshub_gateway_operation_errors_total',
    type: 'counter',
    help: 'HTTP GraphQL operations answered with at least one error, by operation name and type.',
  },
  {
    name: 'opshub_gateway_active_subscriptions',
    type: 'gauge',
    help: 'Subscriptions open through the gateway now.',
    initial: [''],
  },
  {
    name: 'opshub_gateway_subscription_events_total',
    type: 'counter',
    help: 'Subscription events delivered to clients (one per event per subscriber).',
    initial: [''],
  },
  ...SHARING_SERIES.map(([, name, type, help]) => ({ name, type, help, initial: [''] })),
  {
    name: 'opshub_gateway_subgraph_fetch_duration_seconds',
    type: 'histogram',
    help: 'Time of one HTTP fetch from the gateway to a subgraph, failed ones included.',
    buckets: BUCKETS,
  },
  {
    name: 'opshub_gateway_subgraph_fetch_errors_total',
    type: 'counter',
    help: 'Failed calls from the gateway to a subgraph (refused, dropped, timed out or an HTTP error).',
  },
  {
    name: 'opshub_gateway_processes',
    type: 'gauge',
    help: 'Gateway processes whose figures this scrape sums (node:cluster workers; 1 without a cluster).',
  },
  {
    name: 'process_resident_memory_bytes',
    type: 'gauge',
    help: 'Resident memory of the gateway processes, summed.',
  },
  {
    name: 'process_cpu_seconds_total',
    type: 'counter',
    help: 'CPU time (user and system) of the gateway processes, summed.',
  },
];

/**
 * The gateway's Prometheus metrics. Each process counts its own; in a node:cluster gateway `/metrics`
 * answers the sum of every process's figures, collected by the primary (metrics-cluster.ts).
 */
export class GatewayMetrics {
  private readonly set = new MetricSet(GATEWAY_METRICS);
  private readonly operationNames = new Set<string>();
  private activeSubscriptions = 0;
  private sharingSource: (() => SharingFigures) | undefined;

  constructor(private readonly options: { maxOperationNames?: number } = {}) {
    answerSnapshotRequests(() => this.snapshot());
  }

  /** One finished operation (HTTP request, or a subscription at its start), by type. */
  recordRequest(operation: string, outcome: Outcome, seconds?: number): void {
    this.set.inc('opshub_gateway_requests_total', { operation, outcome });
    if (seconds !== undefined) this.set.observe('opshub_gateway_request_duration_seconds', {}, seconds);
  }

  /** One finished HTTP operation by its name: its latency, and whether it answered with errors. */
  recordOperation(name: string | undefined, type: OperationType, outcome: Outcome, seconds: number): void {
    const labels = { operation: this.operationLabel(name), type };
    this.set.observe('opshub_gateway_operation_duration_seconds', labels, seconds);
    if (outcome === 'error') this.set.inc('opshub_gateway_operation_errors_total', labels);
  }

  /** The label value of an operation name: `anonymous`, the name, or `other` once the cap is reached. */
  operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= (this.options.maxOperationNames ?? DEFAULT_MAX_OPERATION_NAMES))
      return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** Makes a subgraph's series exist (at 0) before its first fetch, so rates and alerts see it at once. */
  registerSubgraph(subgraph: string): void {
    if (!this.set.has('opshub_gateway_subgraph_fetch_errors_total', { subgraph }))
      this.set.inc('opshub_gateway_subgraph_fetch_errors_total', { subgraph }, 0);
  }

  /** One fetch from the gateway to `subgraph`, however it ended. */
  observeFetch(subgraph: string, seconds: number): void {
    this.set.observe('opshub_gateway_subgraph_fetch_duration_seconds', { subgraph }, seconds);
  }

  recordFetchError(subgraph: string): void {
    this.set.inc('opshub_gateway_subgraph_fetch_errors_total', { subgraph });
  }

  subscriptionStarted(): void {
    this.activeSubscriptions++;
  }

  subscriptionEnded(): void {
    this.activeSubscriptions = Math.max(0, this.activeSubscriptions - 1);
  }

  /** `count` subscription events handed to clients (one per subscriber an event went to). */
  eventsDelivered(count = 1): void {
    this.set.inc('opshub_gateway_subscription_events_total', {}, count);
  }

  get active(): number {
    return this.activeSubscriptions;
  }

  /** Where the subscription server's sharing figures are read at each scrape (one server per gateway). */
  observeSharing(source: () => SharingFigures): void {
    this.sharingSource = source;
  }

  /** The shared subscriptions' figures of this process (zeros before the subscription server runs). */
  sharing(): SharingFigures {
    return (
      this.sharingSource?.() ?? {
        upstreamSubscriptions: 0,
        planExecutions: 0,
        deliveries: 0,
        entityFetches: 0,
        entityCalls: 0,
        groups: 0,
        upstreamSockets: 0,
      }
    );
  }

  /** This process's figures, for the cluster primary to sum. */
  snapshot(): MetricsSnapshot {
    this.set.set('opshub_gateway_active_subscriptions', {}, this.activeSubscriptions);
    const sharing = this.sharing();
    for (const [field, name] of SHARING_SERIES) this.set.set(name, {}, sharing[field]);
    this.set.set('opshub_gateway_processes', {}, 1);
    this.set.set('process_resident_memory_bytes', {}, process.memoryUsage.rss());
    const cpu = process.cpuUsage();
    this.set.set('process_cpu_seconds_total', {}, (cpu.user + cpu.system) / 1e6);
    return this.set.snapshot();
  }

  /** The exposition text of this process alone. */
  render(): string {
    return this.set.render(this.snapshot());
  }

  /** The exposition text of `snapshots` summed (the cluster primary's answer). */
  renderMerged(snapshots: readonly MetricsSnapshot[]): string {
    return this.set.render(MetricSet.merge(snapshots));
  }

  /** What `/metrics` answers: in a node:cluster worker, every process's figures summed; else this one's. */
  async exposition(): Promise<string> {
    if (!inClusterWorker()) return this.render();
    const snapshots = await collectFromPrimary(() => this.snapshot());
    return this.renderMerged(snapshots);
  }
}

const digest = (v: string): Buffer => createHash('sha256').update(v).digest();

/**
 * `/metrics` in the Prometheus text format. With `token`, only to `Authorization: Bearer <token>`
 * (compared in constant time); without, for the admin listener that only the operators reach.
 */
export function metricsRoute(metrics: GatewayMetrics, token?: string): express.RequestHandler {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return (req, res, next) => {
    if (expected && !timingSafeEqual(digest(req.header('authorization') ?? ''), expected)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      res.status(401).type('text/plain').send('metrics need the metrics token\n');
      return;
    }
    metrics.exposition().then((text) => res.type('text/plain; version=0.0.4').send(text), next);
  };
}

/**
 * `fetcher` (the data source's HTTP call to `subgraph`) timed into
 * `opshub_gateway_subgraph_fetch_duration_seconds`: from sending to the response's headers, which a
 * subgraph sends with its whole answer, or to the failure. The subgraph's error series exists from the start.
 */
export function timedFetcher<F extends (...args: never[]) => Promise<unknown>>(
  metrics: GatewayMetrics,
  subgraph: string,
  fetcher: F,
): F {
  metrics.registerSubgraph(subgraph);
  return (async (...args: Parameters<F>) => {
    const started = performance.now();
    try {
      return await fetcher(...args);
    } finally {
      metrics.observeFetch(subgraph, (performance.now() - started) / 1000);
    }
  }) as F;
}
