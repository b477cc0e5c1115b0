import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from './metrics.js';

const line = (text: string, series: string): string | undefined =>
  text.split('\n').find((l) => l.startsWith(`${series} `));

describe('GatewayMetrics', () => {
  it('keeps operation names as labels up to the cap, then counts them as other', () => {
    const metrics = new GatewayMetrics({ maxOperationNames: 2 });
    metrics.recordOperation('A', 'query', 'ok', 0.01);
    metrics.recordOperation('B', 'query', 'ok', 0.01);
    metrics.recordOperation('C', 'query', 'ok', 0.01);
    metrics.recordOperation('D', 'mutation', 'error', 0.01);
    metrics.recordOperation(undefined, 'query', 'ok', 0.01);
    metrics.recordOperation('A', 'query', 'ok', 0.01);
    const text = metrics.render();
    expect(line(text, 'opshub_gateway_operation_duration_seconds_count{operation="A",type="query"}')).toMatch(
      / 2$/,
    );
    expect(
      line(text, 'opshub_gateway_operation_duration_seconds_count{operation="other",type="query"}'),
    ).toMatch(/ 1$/);
    expect(line(text, 'opshub_gateway_operation_errors_total{operation="other",type="mutation"}')).toMatch(
      / 1$/,
    );
    expect(
      line(text, 'opshub_gateway_operation_duration_seconds_count{operation="anonymous",type="query"}'),
    ).toMatch(/ 1$/);
    expect(text).not.toContain('operation="C"');
  });

  it('writes cumulative histogram buckets', () => {
    const metrics = new GatewayMetrics();
    metrics.observeFetch('ops', 0.003);
    metrics.observeFetch('ops', 0.2);
    metrics.observeFetch('ops', 60);
    const text = metrics.render();
    expect(
      line(text, 'opshub_gateway_subgraph_fetch_duration_seconds_bucket{subgraph="ops",le="0.005"}'),
    ).toMatch(/ 1$/);
    expect(
      line(text, 'opshub_gateway_subgraph_fetch_duration_seconds_bucket{subgraph="ops",le="0.25"}'),
    ).toMatch(/ 2$/);
    expect(
      line(text, 'opshub_gateway_subgraph_fetch_duration_seconds_bucket{subgraph="ops",le="10"}'),
    ).toMatch(/ 2$/);
    expect(
      line(text, 'opshub_gateway_subgraph_fetch_duration_seconds_bucket{subgraph="ops",le="+Inf"}'),
    ).toMatch(/ 3$/);
  });

  it('sums the snapshots of several processes (a node:cluster gateway)', () => {
    const a = new GatewayMetrics();
    const b = new GatewayMetrics();
    a.recordOperation('Q', 'query', 'ok', 0.02);
    b.recordOperation('Q', 'query', 'ok', 0.2);
    a.subscriptionStarted();
    b.subscriptionStarted();
    b.subscriptionStarted();
    b.eventsDelivered(5);
    a.recordFetchError('dqm');
    const text = a.renderMerged([a.snapshot(), b.snapshot()]);
    expect(line(text, 'opshub_gateway_operation_duration_seconds_count{operation="Q",type="query"}')).toMatch(
      / 2$/,
    );
    expect(
      line(text, 'opshub_gateway_operation_duration_seconds_bucket{operation="Q",type="query",le="0.025"}'),
    ).toMatch(/ 1$/);
    expect(line(text, 'opshub_gateway_active_subscriptions')).toBe('opshub_gateway_active_subscriptions 3');
    expect(line(text, 'opshub_gateway_subscription_events_total')).toBe(
      'opshub_gateway_subscription_events_total 5',
    );
    expect(line(text, 'opshub_gateway_subgraph_fetch_errors_total{subgraph="dqm"}')).toMatch(/ 1$/);
    expect(line(text, 'opshub_gateway_processes')).toBe('opshub_gateway_processes 2');
  });

  it('escapes label values', () => {
    const metrics = new GatewayMetrics();
    metrics.recordFetchError('a"b\\c\nd');
    expect(metrics.render()).toContain('subgraph="a\\"b\\\\c\\nd"');
  });
});
