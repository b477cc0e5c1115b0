import { createHash, timingSafeEqual } from 'node:crypto';
import type express from 'express';

/** Seconds; covers a cached one-hop query (ms) up to a slow multi-subgraph one. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type Outcome = 'ok' | 'error';

/**
 * The gateway's Prometheus metrics, kept in plain maps and written in the text exposition
 * format (version 0.0.4) — a handful of series does not need a client library.
 */
export class GatewayMetrics {
  private readonly requests = new Map<string, number>();
  private readonly fetchErrors = new Map<string, number>();
  private readonly bucketCounts = BUCKETS.map(() => 0);
  private latencySum = 0;
  private latencyCount = 0;
  private activeSubscriptions = 0;

  /** One finished operation (HTTP request, or a subscription at its start). */
  recordRequest(operation: string, outcome: Outcome, seconds?: number): void {
    const key = `${operation}\u0000${outcome}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    if (seconds === undefined) return;
    this.latencySum += seconds;
    this.latencyCount++;
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.bucketCounts[i]!++;
    });
  }

  recordFetchError(subgraph: string): void {
    this.fetchErrors.set(subgraph, (this.fetchErrors.get(subgraph) ?? 0) + 1);
  }

  subscriptionStarted(): void {
    this.activeSubscriptions++;
  }

  subscriptionEnded(): void {
    this.activeSubscriptions = Math.max(0, this.activeSubscriptions - 1);
  }

  get active(): number {
    return this.activeSubscriptions;
  }

  /** The exposition text served at `/metrics`. */
  render(): string {
    const lines: string[] = [];
    lines.push('# HELP opshub_gateway_requests_total GraphQL operations by type and outcome.');
    lines.push('# TYPE opshub_gateway_requests_total counter');
    for (const [key, n] of [...this.requests].sort()) {
      const [operation, outcome] = key.split('\u0000');
      lines.push(`opshub_gateway_requests_total{operation="${esc(operation!)}",outcome="${outcome}"} ${n}`);
    }
    lines.push('# HELP opshub_gateway_request_duration_seconds Time to answer an HTTP GraphQL request.');
    lines.push('# TYPE opshub_gateway_request_duration_seconds histogram');
    BUCKETS.forEach((le, i) => {
      lines.push(`opshub_gateway_request_duration_seconds_bucket{le="${le}"} ${this.bucketCounts[i]}`);
    });
    lines.push(`opshub_gateway_request_duration_seconds_bucket{le="+Inf"} ${this.latencyCount}`);
    lines.push(`opshub_gateway_request_duration_seconds_sum ${this.latencySum}`);
    lines.push(`opshub_gateway_request_duration_seconds_count ${this.latencyCount}`);
    lines.push('# HELP opshub_gateway_active_subscriptions Subscriptions open through the gateway now.');
    lines.push('# TYPE opshub_gateway_active_subscriptions gauge');
    lines.push(`opshub_gateway_active_subscriptions ${this.activeSubscriptions}`);
    lines.push(
      '# HELP opshub_gateway_subgraph_fetch_errors_total Failed calls from the gateway to a subgraph.',
    );
    lines.push('# TYPE opshub_gateway_subgraph_fetch_errors_total counter');
    for (const [subgraph, n] of [...this.fetchErrors].sort()) {
      lines.push(`opshub_gateway_subgraph_fetch_errors_total{subgraph="${esc(subgraph)}"} ${n}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const digest = (v: string): Buffer => createHash('sha256').update(v).digest();

/**
 * `/metrics` in the Prometheus text format. With `token`, only to `Authorization: Bearer <token>`
 * (compared in constant time); without, for the admin listener that only the operators reach.
 */
export function metricsRoute(metrics: GatewayMetrics, token?: string): express.RequestHandler {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return (req, res) => {
    if (expected && !timingSafeEqual(digest(req.header('authorization') ?? ''), expected)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      res.status(401).type('text/plain').send('metrics need the metrics token\n');
      return;
    }
    res.type('text/plain; version=0.0.4').send(metrics.render());
  };
}
