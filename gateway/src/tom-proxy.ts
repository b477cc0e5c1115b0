import { Readable } from 'node:stream';
import { INTERNAL_HEADER, signInternal } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import express from 'express';
import type { Authenticator } from './auth.js';
import { forwardReply } from './forward-reply.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import { CSRF_COOKIE, CSRF_HEADER, cookiesOf, sameToken } from './tom-cookies.js';
import { tomCaller, tomError } from './tom-caller.js';
import { tomAccountRoutes } from './tom-accounts.js';

/** The TOM's paths the gateway forwards to the alerts subgraph. */
const TOM_PATHS = ['/elasticc', '/elasticc2', '/db'];
const EXPORT_PATH = '/export';
/** The alerts subgraph's prefixes for them (subgraphs/alerts/src/rest/tom-router.ts, export.route.ts). */
const TOM_UPSTREAM = '/internal/tom';
const EXPORT_UPSTREAM = '/stream/export';
const BASE_URL_HEADER = 'x-opshub-base-url';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A TOM call (not an export) that has not answered by then is cut: as the subgraph's own deadline. */
const REST_TIMEOUT_MS = 30_000;
const FORWARDED_REPLY_HEADERS = [
  'content-type',
  'content-disposition',
  'location',
  'cache-control',
  'retry-after',
];

export interface TomProxyOptions {
  /** The alerts subgraph's `/graphql` URL (its origin is used). */
  alertsUrl: string;
  /** The ops subgraph's `/graphql` URL (sign-in and sign-out). */
  opsUrl: string;
  secret: string;
  authenticator: Authenticator;
  log: Logger;
  /** Cookies marked Secure (production, or behind HTTPS). */
  secureCookies: boolean;
}

/** The public origin the client used (for the `next` links and `Location` the subgraph writes). */
function baseUrlOf(req: express.Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/**
 * The DESC TOM's surface on the gateway, so the TOM's scripts run unchanged: `/accounts/login/`
 * (Django's form login with `csrftoken`, then a `sessionid` cookie), and `/elasticc/…`,
 * `/elasticc2/…`, `/db/…`, `/export/…` forwarded to the alerts subgraph with the gateway's signature
 * carrying the caller (a bearer token or the session). Calls with the session cookie that change
 * something must send `X-CSRFToken` equal to the `csrftoken` cookie (403 otherwise), as Django asks.
 */
export function tomProxy(options: TomProxyOptions): (app: express.Express) => void {
  const alertsOrigin = new URL(options.alertsUrl).origin;
  const { authenticator, log } = options;

  const forward = (upstream: (req: express.Request) => string, timeout: boolean): express.RequestHandler => {
    return (req, res) => {
      const requestId = res.locals['requestId'] as string;
      const clientAddress = res.locals['clientAddress'] as string | undefined;
      tomCaller(req, authenticator)
        .then(async (caller) => {
          if (!caller)
            return tomError(res, 401, ErrorCode.UNAUTHENTICATED, 'Invalid or expired token or session');
          if (caller.viaCookie && UNSAFE.has(req.method)) {
            const cookie = cookiesOf(req)[CSRF_COOKIE];
            if (!sameToken(req.header(CSRF_HEADER), cookie))
              return tomError(
                res,
                403,
                ErrorCode.FORBIDDEN,
                'CSRF verification failed: send X-CSRFToken with the csrftoken cookie',
              );
          }
          const signature = signInternal(options.secret, 'alerts', {
            requestId,
            ...(caller.user ? { user: caller.user } : {}),
            ...(clientAddress ? { clientAddress } : {}),
          });
          const controller = new AbortController();
          res.on('close', () => controller.abort());
          const signal = timeout
            ? AbortSignal.any([controller.signal, AbortSignal.timeout(REST_TIMEOUT_MS)])
            : controller.signal;
          const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
          const reply = await fetch(`${alertsOrigin}${upstream(req)}`, {
            method: req.method,
            headers: {
              [INTERNAL_HEADER]: signature,
              [REQUEST_ID_HEADER]: requestId,
              [BASE_URL_HEADER]: baseUrlOf(req),
              ...(req.header('content-type') ? { 'content-type': req.header('content-type')! } : {}),
            },
            ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
            signal,
          } as RequestInit);
          await forwardReply(reply, res, FORWARDED_REPLY_HEADERS);
        })
        .catch((error: unknown) => {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          log.error(
            { err: error, rid: requestId, path: req.path },
            'TOM request to the alerts service failed',
          );
          tomError(
            res,
            502,
            ErrorCode.UPSTREAM_UNAVAILABLE,
            `The alerts service did not answer (request id ${requestId})`,
          );
        });
    };
  };

  return (app) => {
    tomAccountRoutes({
      ops: { url: options.opsUrl, secret: options.secret },
      authenticator,
      log,
      secureCookies: options.secureCookies,
    })(app);
    // Under `app.use`, req.url is the path below the mount point; the TOM's paths go up whole.
    app.use(
      TOM_PATHS,
      forward((req) => `${TOM_UPSTREAM}${req.originalUrl}`, true),
    );
    app.use(
      EXPORT_PATH,
      forward((req) => `${EXPORT_UPSTREAM}${req.url}`, false),
    );
  };
}
