import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import { unauthenticated } from '@opshub/subgraph-kit';
import type express from 'express';
import type { Authenticator } from './auth.js';

/**
 * Resolves `Authorization: Bearer …` before Apollo runs: a bad or unknown token is refused with
 * 401 UNAUTHENTICATED; no header means anonymous (subgraphs decide per field).
 */
export function httpAuth(authenticator: Authenticator, log: Logger): express.RequestHandler {
  return (req, res, next) => {
    authenticator.fromHeader(req.header('authorization')).then(
      (result) => {
        if (result.kind === 'invalid') {
          unauthenticated(res, 'Invalid or expired token');
          return;
        }
        if (result.kind === 'user') res.locals['user'] = result.user;
        next();
      },
      (error: unknown) => {
        const requestId = res.locals['requestId'] as string;
        log.error({ err: error, rid: requestId }, 'authenticating a request failed');
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
  };
}
