import { INTERNAL_HEADER, signInternal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import type express from 'express';
import type { Authenticator } from './auth.js';
import { forwardReply } from './forward-reply.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/** The public path, and the ops subgraph's (subgraphs/ops/src/audit/audit-export.route.ts). */
export const AUDIT_EXPORT_PATH = '/audit/export.csv';
const UPSTREAM_PATH = '/stream/audit/export.csv';
const FORWARDED_REPLY_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

function refuse(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

export interface AuditExportOptions {
  /** The ops subgraph's `/graphql` URL (its origin is used). */
  opsUrl: string;
  secret: string;
  authenticator: Authenticator;
  log: Logger;
}

/**
 * `GET /audit/export.csv?actor=&kind=&entity=&since=&until=` with `Authorization: Bearer …`: the
 * filtered audit log as CSV, streamed from the ops subgraph, which checks the ADMIN role and the filter.
 */
export function auditExport(options: AuditExportOptions): (app: express.Express) => void {
  const upstream = `${new URL(options.opsUrl).origin}${UPSTREAM_PATH}`;
  const { authenticator, log } = options;
  return (app) => {
    app.get(AUDIT_EXPORT_PATH, (req, res) => {
      const requestId = res.locals['requestId'] as string;
      const clientAddress = res.locals['clientAddress'] as string | undefined;
      authenticator
        .fromHeader(req.header('authorization'))
        .then(async (result) => {
          if (result.kind !== 'user')
            return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to export the audit log');
          const signature = signInternal(options.secret, 'ops', {
            requestId,
            user: result.user,
            ...(clientAddress ? { clientAddress } : {}),
          });
          const controller = new AbortController();
          res.on('close', () => controller.abort());
          const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
          const reply = await fetch(`${upstream}${query}`, {
            headers: { [INTERNAL_HEADER]: signature, [REQUEST_ID_HEADER]: requestId },
            signal: controller.signal,
          });
          await forwardReply(reply, res, FORWARDED_REPLY_HEADERS);
        })
        .catch((error: unknown) => {
          if (res.headersSent) return void res.destroy();
          log.error({ err: error, rid: requestId }, 'audit export from the ops service failed');
          refuse(
            res,
            502,
            ErrorCode.UPSTREAM_UNAVAILABLE,
            `The ops service did not answer (request id ${requestId})`,
          );
        });
    });
  };
}
