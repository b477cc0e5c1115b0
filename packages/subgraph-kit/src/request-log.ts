import type { ApolloServerPlugin } from '@apollo/server';
import type { InternalClaims } from '@opshub/auth';
import { runWithRequestId } from '@opshub/jobs';
import type express from 'express';
import type { SubgraphContext } from './context.js';

/**
 * Runs the rest of a verified call with the gateway's request id as the current one, so that a job
 * enqueued while answering it carries the id (@opshub/jobs `createQueue`) and the worker logs under
 * it. Mounted after the body is parsed: the parser's stream callbacks would lose the scope.
 */
export const requestScope: express.RequestHandler = (_req, res, next) => {
  runWithRequestId((res.locals['claims'] as InternalClaims | undefined)?.requestId, next);
};

/** One line per operation the subgraph answers, with the request id (`rid`) the gateway gave it. */
export function operationLogPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, response, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          contextValue.log.info(
            {
              operation: operation?.name?.value ?? 'anonymous',
              type: operation?.operation ?? 'unknown',
              outcome: errors.length > 0 ? 'error' : 'ok',
              ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
