import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics, OperationType } from './metrics.js';

/** Characters of a client's operation name kept in the access line. */
const LOGGED_NAME_LENGTH = 200;

/**
 * Counts each HTTP operation by type and outcome, observes its latency by operation name, and writes
 * one access line per operation (with the request id, as every line of the request).
 */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response, contextValue }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const outcome = errors.length > 0 ? 'error' : 'ok';
          const type: OperationType = operation?.operation ?? 'unknown';
          const name = operation?.name?.value ?? (operation ? undefined : (operationName ?? undefined));
          metrics.recordRequest(operation?.operation ?? 'unknown', outcome, seconds);
          metrics.recordOperation(name, type, outcome, seconds);
          contextValue.log.info(
            {
              // The name itself (bounded: it is the client's), not the metric's label: past the cap
              // every new name is `other` there, and a log line is how one operation is found again.
              operation: name ? name.slice(0, LOGGED_NAME_LENGTH) : 'anonymous',
              type,
              outcome,
              ms: Math.round(seconds * 1e4) / 10,
              ...(contextValue.user ? { user: contextValue.user.username } : {}),
              ...(errors.length > 0
                ? { codes: [...new Set(errors.map((e) => String(e.extensions?.['code'] ?? 'none')))] }
                : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
