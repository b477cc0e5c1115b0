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
    app.get(API_SCHEMA_PATH, (req, res) => {
      const requestId = res.locals['requestId'] as string;
      options.authenticator.fromHeader(req.header('authorization')).then(
        (result) => {
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
        },
        (error: unknown) => {
          options.log.error({ err: error, rid: requestId }, 'authenticating a schema request failed');
          res.status(500).json({
            errors: [
              {
                message: `Unexpected error (request id ${requestId})`,
                extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
              },
            ],
          });
        },
      );
    });
  };
}
