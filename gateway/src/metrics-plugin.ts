import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics } from './metrics.js';

/** Counts each HTTP operation by type and outcome and observes its latency. */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const failed =
            response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.recordRequest(operation?.operation ?? 'unknown', failed ? 'error' : 'ok', seconds);
        },
      };
    },
  };
}
