import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { InternalClaims } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import type express from 'express';
import { TOM_PREFIX } from '../rest/tom-router.js';
import { sqlRunResultHandler } from './sqlrunresult.rest.js';
import type { SqlService } from './sql.service.js';

/**
 * Mounts `GET /db/sqlrunresult/?id=…&format=csv|json` (a run's `csvUrl` / `jsonUrl`) under the TOM
 * prefix, before the TOM router: a file is piped with backpressure, which the router's JSON replies
 * do not do. The gateway's signature was verified on `/internal` (claims in res.locals).
 */
export function sqlRunResultRoute(sql: SqlService, log: Logger): (app: express.Express) => void {
  const handler = sqlRunResultHandler(sql);
  return (app) => {
    app.get([`${TOM_PREFIX}/db/sqlrunresult`, `${TOM_PREFIX}/db/sqlrunresult/`], (req, res) => {
      const claims = res.locals['claims'] as InternalClaims;
      const query: Record<string, string> = {};
      for (const [k, v] of new URL(req.originalUrl, 'http://x').searchParams) query[k] ??= v;
      handler({
        body: undefined,
        query,
        ...(claims.user ? { user: claims.user } : {}),
        requestId: claims.requestId,
        baseUrl: '',
      })
        .then(async (reply) => {
          res.status(reply.status);
          for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
          if (reply.body instanceof Readable) await pipeline(reply.body, res);
          else res.json(reply.body);
        })
        .catch((error: unknown) => {
          log.error({ err: error, rid: claims.requestId }, 'SQL run download failed');
          if (!res.headersSent)
            res.status(500).json({
              status: 'error',
              code: 'INTERNAL_SERVER_ERROR',
              error: `Unexpected error (request id ${claims.requestId})`,
            });
          else res.destroy();
        });
    });
  };
}
