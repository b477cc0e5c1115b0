import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, EXPECTED_CODES } from './codes.js';

/** True when the error carries one of the registry's expected codes. */
export function isExpected(error: { extensions?: Record<string, unknown> } | undefined): boolean {
  const code = error?.extensions?.['code'];
  return typeof code === 'string' && EXPECTED_CODES.has(code);
}

/**
 * What a client sees of an error: expected ones as they are, everything else
 * as INTERNAL_SERVER_ERROR with the request id, so an operator can find the log line.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  requestId: string | undefined,
): GraphQLFormattedError {
  if (isExpected(formatted)) return formatted;
  return {
    message: `Unexpected error${requestId ? ` (request id ${requestId})` : ''}`,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}

/** The original error behind a GraphQLError, for logging. */
export function originalError(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}
