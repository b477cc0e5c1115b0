import type { ApolloServerPlugin } from '@apollo/server';
import { BadUserInputError } from '@opshub/errors';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';
import { checkLimits, type QueryLimits } from './limits.js';

/** A refusal before execution is the caller's fault: HTTP 400, not Apollo's default 500. */
const status400 = (error: GraphQLError): GraphQLError =>
  new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });

/**
 * Runs after parsing and validation and before the gateway plans the operation: depth, alias and
 * cost limits (the token limit is enforced by the parser itself), and subscriptions refused on HTTP.
 */
export function limitsPlugin(limits: QueryLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const tooComplex = checkLimits(document, limits, request.variables ?? {});
          if (tooComplex) throw status400(tooComplex);
          if (operation?.operation === 'subscription') {
            throw status400(
              new BadUserInputError('Subscriptions are served over graphql-ws (WebSocket) on /graphql'),
            );
          }
        },
      };
    },
  };
}
