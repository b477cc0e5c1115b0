import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@opshub/config';
import { ErrorCode, isExpected, maskError, originalError } from '@opshub/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context.js';
import { tokenLimitError, tokenLimitOf } from './limits.js';

/**
 * Apollo Server's own codes that describe a malformed HTTP request (not a fault of ours):
 * shown as they are, like the registry's expected codes.
 */
const REQUEST_SHAPE_CODES = new Set([
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function passes(error: GraphQLFormattedError | GraphQLError): boolean {
  const code = error.extensions?.['code'];
  return isExpected(error) || (typeof code === 'string' && REQUEST_SHAPE_CODES.has(code));
}

/** graphql-js's "Did you mean …?" hints name fields and types the caller did not ask about. */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * What a client sees of one error: expected codes as they are (validation errors without schema
 * suggestions, on HTTP and WebSocket alike), the rest masked with the request id.
 */
export function maskForClient(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  if (!passes(error)) return maskError(error, requestId);
  if (error.extensions?.['code'] === ErrorCode.GRAPHQL_VALIDATION_FAILED && SUGGESTION.test(error.message))
    return { ...error, message: error.message.replace(SUGGESTION, '') };
  return error;
}

/** Logs the original behind each unexpected error, with the request id that the client sees. */
export function logUnexpected(log: Logger, errors: readonly GraphQLError[]): void {
  for (const error of errors) {
    if (passes(error)) continue;
    log.error(
      { err: originalError(error), path: error.path, serviceName: error.extensions?.['serviceName'] },
      'unexpected error',
    );
  }
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
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          logUnexpected(contextValue.log, errors);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
              maskForClient(e, contextValue.requestId),
            );
          }
        },
      };
    },
  };
}
