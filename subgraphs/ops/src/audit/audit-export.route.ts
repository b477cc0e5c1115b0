import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hasRole, INTERNAL_HEADER, InternalVerifier, type InternalClaims } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import type express from 'express';
import { GraphQLError } from 'graphql';
import { parseAuditFilter, type AuditFilter } from './audit.filter.js';
import type { AuditService } from './audit.service.js';

/**
 * Where the gateway forwards `GET /audit/export.csv`. Not under `/internal/`: the kit cuts those after
 * 30 s, and a long log streams for longer. The gateway's signature is verified here as there.
 */
export const AUDIT_EXPORT_PATH = '/stream/audit/export.csv';

function refuse(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

function queryText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export interface AuditExportRouteOptions {
  audit: AuditService;
  /** The subgraph's secret (OPSHUB_SECRET or ops' derived key), as the kit's server verifies with. */
  secret: string;
  log: Logger;
}

/**
 * `GET /stream/audit/export.csv?actor=&kind=&entity=&since=&until=` (ADMIN): the filtered audit log
 * as CSV, newest first, the same filter as `auditLog`, streamed a page at a time as the client reads.
 */
export function auditExportRoute(options: AuditExportRouteOptions): (app: express.Express) => void {
  const verifier = new InternalVerifier({ secret: options.secret, audience: 'ops' });
  return (app) => {
    app.get(AUDIT_EXPORT_PATH, (req, res) => {
      let claims: InternalClaims;
      try {
        claims = verifier.verify(req.header(INTERNAL_HEADER) ?? '');
      } catch {
        return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Subgraphs answer only the gateway');
      }
      if (!claims.user) return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to export the audit log');
      if (!hasRole(claims.user, 'ADMIN'))
        return refuse(res, 403, ErrorCode.FORBIDDEN, 'The audit log is for admins');
      const q = req.query as Record<string, unknown>;
      let filter: AuditFilter;
      try {
        filter = parseAuditFilter({
          actor: queryText(q['actor']),
          kind: queryText(q['kind']),
          entity: queryText(q['entity']),
          since: queryText(q['since']),
          until: queryText(q['until']),
        });
      } catch (error) {
        if (error instanceof GraphQLError) return refuse(res, 400, ErrorCode.BAD_USER_INPUT, error.message);
        throw error;
      }
      const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="opshub-audit-${stamp}.csv"`);
      res.setHeader('cache-control', 'no-store');
      // Readable.from pulls the next page only when the socket has drained the last one.
      pipeline(Readable.from(options.audit.csv(filter)), res).catch((error: unknown) => {
        // A client that left mid-export is not an error; a cut-short body tells the client it is incomplete.
        if (!req.socket.destroyed)
          options.log.error({ err: error, rid: claims.requestId }, 'audit export failed');
        res.destroy();
      });
    });
  };
}
