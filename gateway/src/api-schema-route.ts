import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import type express from 'express';
import { printSchema } from 'graphql';
import type { Authenticator } from './auth.js';

/** The public API schema as SDL, for signed-in users' tools (the web app's explorer). */
export const API_SCHEMA_PATH = '/api/schema.graphql';

export interface ApiSchemaRouteOptions {
  supergraphSdl: string;
  authenticator: Authenticator;
  log: Logger;
}

/**
 * `GET /api/schema.graphql` with `Authorization: Bearer …`: the API schema clients see, as SDL. In
 * production introspection is off for everyone (no schema map for anonymous callers); a signed-in
 * user's explorer still gets its documentation and completion from here. 401 without a valid token.
 */
export function apiSchemaRoute(options: ApiSchemaRouteOptions): (app: express.Express) => void {
  let sdl: string | undefined;
  return (app) => {
    app.get(API_SCHEMA_PATH, async (req, res) => {
      const requestId = res.locals['requestId'] as string;
      // One try around everything (authentication, building and sending the SDL): an exception after
      // authentication is answered too, never left as an unhandled rejection of this handler.
      try {
        const result = await options.authenticator.fromHeader(req.header('authorization'));
        if (result.kind !== 'user') {
          res.status(401).json({
            errors: [
              { message: 'Sign in to read the schema', extensions: { code: ErrorCode.UNAUTHENTICATED } },
            ],
          });
          return;
        }
        sdl ??= printSchema(Supergraph.build(options.supergraphSdl).apiSchema().toGraphQLJSSchema());
        res.status(200).type('text/plain; charset=utf-8').setHeader('cache-control', 'no-store').send(sdl);
      } catch (error: unknown) {
        options.log.error({ err: error, rid: requestId }, 'answering a schema request failed');
        if (res.headersSent) return;
        res.status(500).json({
          errors: [
            {
              message: `Unexpected error (request id ${requestId})`,
              extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
            },
          ],
        });
      }
    });
  };
}
