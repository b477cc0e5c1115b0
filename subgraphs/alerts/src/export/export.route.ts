import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hasRole, INTERNAL_HEADER, InternalVerifier, type InternalClaims } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import type express from 'express';
import { exactJson } from '../rest/json.js';
import { idOf, numberOf } from '../rest/tom-input.js';
import type { ExportFilter, ExportKind } from './export.repository.js';
import type { ExportFormat, ExportService } from './export.service.js';

/**
 * Where the gateway forwards `GET /export/<kind>`. Not under `/internal/`: the kit cuts an
 * `/internal/` request after 30 s, and a complete export of a large table streams for longer. The
 * gateway's signature is verified here exactly as there (for this subgraph, fresh, not replayed).
 */
export const EXPORT_PREFIX = '/stream/export';

const KINDS: readonly ExportKind[] = ['objects', 'sources', 'forced-sources'];
const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

function refuse(res: express.Response, status: number, code: string, error: string): void {
  res
    .status(status)
    .type('application/json')
    .send(exactJson({ status: 'error', code, error }));
}

export interface ExportRouteOptions {
  exports: ExportService;
  /** The subgraph's secret (OPSHUB_SECRET or its derived key), as the kit's server verifies with. */
  secret: string;
  log: Logger;
}

/** `GET /stream/export/objects|sources|forced-sources?format=csv|ndjson[&objectId=][&since=MJD]`. */
export function exportRoute(options: ExportRouteOptions): (app: express.Express) => void {
  const verifier = new InternalVerifier({ secret: options.secret, audience: 'alerts' });
  return (app) => {
    app.get(`${EXPORT_PREFIX}/:kind`, (req, res) => {
      let claims: InternalClaims;
      try {
        claims = verifier.verify(req.header(INTERNAL_HEADER) ?? '');
      } catch {
        refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Subgraphs answer only the gateway');
        return;
      }
      if (!claims.user) return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to export');
      if (!hasRole(claims.user, 'VIEWER'))
        return refuse(res, 403, ErrorCode.FORBIDDEN, 'Exports need a role');
      const kind = req.params['kind'] as ExportKind;
      if (!KINDS.includes(kind))
        return refuse(res, 404, ErrorCode.NOT_FOUND, `No export ${kind}: objects, sources or forced-sources`);
      const q = req.query as Record<string, unknown>;
      const format = (typeof q['format'] === 'string' ? q['format'] : 'csv') as ExportFormat;
      if (!(format in TYPES))
        return refuse(res, 400, ErrorCode.BAD_USER_INPUT, 'format must be csv or ndjson');
      const filter: ExportFilter = {};
      try {
        if (q['objectId'] !== undefined) filter.objectId = idOf(q['objectId'], 'objectId');
        if (q['since'] !== undefined) filter.sinceMjd = numberOf(q['since'], 'since');
      } catch (error) {
        return refuse(res, 400, ErrorCode.BAD_USER_INPUT, (error as Error).message);
      }
      res.status(200);
      res.setHeader('content-type', TYPES[format]);
      res.setHeader('content-disposition', `attachment; filename="${kind}.${format}"`);
      res.setHeader('cache-control', 'no-store');
      // Readable.from pulls the next page only when the socket has drained the last one.
      pipeline(Readable.from(options.exports.stream(kind, format, filter)), res).catch((error: unknown) => {
        // A client that went away mid-export is not an error; anything else is logged, and the
        // cut-short body (no final line break) tells the client it is incomplete.
        if (!res.destroyed || !req.socket.destroyed)
          options.log.error({ err: error, rid: claims.requestId, kind }, 'export failed');
        res.destroy();
      });
    });
  };
}
