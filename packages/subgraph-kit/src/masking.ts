import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@opshub/config';
import { databaseUnavailable, ErrorCode, isExpected, maskError, originalError } from '@opshub/errors';
import type express from 'express';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';

export interface MaskingOptions {
  /** Codes shown as they are besides the registry's expected ones (the gateway: Apollo Server's request-shape codes). */
  alsoPass?: Iterable<string>;
  /** Where requests Apollo Server refuses before any operation runs are logged (default: nowhere). */
  log?: Logger;
}

/** What the masking plugin reads from a request's context. */
export interface MaskingContext {
  requestId: string;
  log: Logger;
}

/** graphql-js's "Did you mean …?" hints name fields and types the caller did not ask about. */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * The one error policy of both edges (gateway and subgraphs): expected codes pass as they are
 * (validation errors without schema suggestions), a lost database becomes a retryable
 * SERVICE_UNAVAILABLE, anything else INTERNAL_SERVER_ERROR with the request id; the original of
 * each masked error is logged with that id.
 */
export function errorMasking(options: Pick<MaskingOptions, 'alsoPass'> = {}) {
  const alsoPass = new Set(options.alsoPass ?? []);
  const passes = (error: GraphQLFormattedError | GraphQLError): boolean => {
    const code = error.extensions?.['code'];
    return isExpected(error) || (typeof code === 'string' && alsoPass.has(code));
  };
  return {
    /** What a client sees of one error (`original`: the thrown error behind it, when known). */
    mask(
      error: GraphQLFormattedError,
      requestId: string | undefined,
      original?: unknown,
    ): GraphQLFormattedError {
      if (!passes(error)) return maskError(error, requestId, original);
      if (
        error.extensions?.['code'] === ErrorCode.GRAPHQL_VALIDATION_FAILED &&
        SUGGESTION.test(error.message)
      )
        return { ...error, message: error.message.replace(SUGGESTION, '') };
      return error;
    },
    /** Logs the original behind each error the client will see masked. */
    logUnexpected(log: Logger, errors: readonly GraphQLError[]): void {
      for (const error of errors) {
        if (passes(error)) continue;
        const err = originalError(error);
        const where = { path: error.path, serviceName: error.extensions?.['serviceName'] };
        if (databaseUnavailable(err)) log.warn({ err, ...where }, 'database unavailable');
        else log.error({ err, ...where }, 'unexpected error');
      }
    },
  };
}

/** Masks every HTTP response of an Apollo Server (see `errorMasking`). */
export function maskingPlugin(options: MaskingOptions = {}): ApolloServerPlugin<MaskingContext> {
  const masking = errorMasking(options);
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          masking.logUnexpected(contextValue.log, errors);
        },
        async willSendResponse({ response, contextValue, errors }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          // Apollo formats `errors` one to one, in order, into the response's errors.
          const formatted = response.body.singleResult.errors;
          const originals = errors?.length === formatted.length ? errors : undefined;
          response.body.singleResult.errors = formatted.map((e, i) =>
            masking.mask(e, contextValue?.requestId, originals && originalError(originals[i])),
          );
        },
        async invalidRequestWasReceived({ error }: { error: Error }) {
          options.log?.warn({ err: error }, 'invalid request');
        },
      };
    },
  };
}

/** The 401 body of both edges: one GraphQL error coded UNAUTHENTICATED. */
export function unauthenticated(res: express.Response, message: string): void {
  res.status(401).json({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
}
