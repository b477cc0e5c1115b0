import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import { errorMasking, maskingPlugin as edgeMasking } from '@opshub/subgraph-kit';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context.js';
import { tokenLimitError, tokenLimitOf } from './limits.js';

/**
 * Apollo Server's own codes that describe a malformed HTTP request (not a fault of ours):
 * shown as they are, like the registry's expected codes.
 */
const REQUEST_SHAPE_CODES = [
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
];

// The subgraphs' policy (the kit's), with the request-shape codes the gateway's HTTP layer produces.
const masking = errorMasking({ alsoPass: REQUEST_SHAPE_CODES });

/** What a client sees of one error, on HTTP and WebSocket alike. */
export function maskForClient(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  return masking.mask(error, requestId);
}

/** Logs the original behind each unexpected error, with the request id that the client sees. */
export function logUnexpected(log: Logger, errors: readonly GraphQLError[]): void {
  masking.logUnexpected(log, errors);
}

/**
 * Apollo Server `formatError`: graphql-js reports the parser's token limit as a syntax error;
 * clients get it as QUERY_TOO_COMPLEX like the other limits.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const maxTokens =
    formatted.extensions?.['code'] === ErrorCode.GRAPHQL_PARSE_FAILED ? tokenLimitOf(formatted) : undefined;
  if (maxTokens === undefined) return formatted;
  const error = tokenLimitError(maxTokens);
  return { message: error.message, extensions: error.extensions };
}

/** Masks every HTTP response at the edge; the subgraphs mask too, this catches the gateway's own faults. */
export function maskingPlugin(): ApolloServerPlugin<GatewayContext> {
  return edgeMasking({ alsoPass: REQUEST_SHAPE_CODES });
}
