import { hasRole, type InternalClaims } from '@opshub/auth';
import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import express from 'express';
import { exactJson, parseExactJson } from './json.js';
import type { RestHandler, RestReply, RestRequest } from './rest-handler.js';
import { errorReply, replyForError } from './rest-reply.js';

/** Where the gateway forwards the TOM's paths (`/elasticc2/ltcv` → `/internal/tom/elasticc2/ltcv`). */
export const TOM_PREFIX = '/internal/tom';
/** The public base URL the client used, as the gateway saw it (for `next` links and `Location`). */
export const BASE_URL_HEADER = 'x-opshub-base-url';

export type TomMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One endpoint: its methods, its path without the trailing slash (`:name` segments are parameters). */
export interface TomRoute {
  methods: readonly TomMethod[];
  path: string;
  handler: RestHandler;
}

const BODY_LIMIT = '50mb';

function match(route: TomRoute, segments: string[]): Record<string, string> | undefined {
  const parts = route.path.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

function parseBody(req: express.Request): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (raw.trim() === '') return undefined;
  if ((req.header('content-type') ?? '').includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(raw));
  return parseExactJson(raw);
}

function queryOf(req: express.Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.originalUrl, 'http://x').searchParams) out[k] ??= v;
  return out;
}

function send(res: express.Response, reply: RestReply): void {
  res.status(reply.status);
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.type('application/json').send(exactJson(reply.body));
}

/**
 * The DESC TOM's REST surface on the alerts subgraph: JSON in (64-bit integers exact), JSON out
 * (bigints written as exact numbers), every answer JSON — errors `{status: 'error', code, error}` with
 * 400/401/403/404, never an HTML page. Each endpoint needs a signed-in user (VIEWER at least);
 * handlers check any further role themselves. Paths match with or without their trailing slash.
 */
export function tomRouter(routes: readonly TomRoute[], log: Logger): (app: express.Express) => void {
  return (app) => {
    app.use(TOM_PREFIX, express.raw({ type: () => true, limit: BODY_LIMIT }), (req, res) => {
      const claims = res.locals['claims'] as InternalClaims;
      const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
      let found: { route: TomRoute; params: Record<string, string> } | undefined;
      let pathKnown = false;
      for (const route of routes) {
        const params = match(route, segments);
        if (!params) continue;
        pathKnown = true;
        if (route.methods.includes(req.method as TomMethod)) {
          found = { route, params };
          break;
        }
      }
      if (!found) {
        send(
          res,
          pathKnown
            ? errorReply(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}`)
            : errorReply(404, ErrorCode.NOT_FOUND, `No TOM endpoint at ${req.path}`),
        );
        return;
      }
      if (!claims.user) {
        send(
          res,
          errorReply(401, ErrorCode.UNAUTHENTICATED, 'Sign in first (a bearer token or the TOM login)'),
        );
        return;
      }
      if (!hasRole(claims.user, 'VIEWER')) {
        send(res, errorReply(403, ErrorCode.FORBIDDEN, 'This needs a signed-in user with a role'));
        return;
      }
      let body: unknown;
      try {
        body = parseBody(req);
      } catch (error) {
        send(
          res,
          errorReply(400, ErrorCode.BAD_USER_INPUT, `The body is not JSON: ${(error as Error).message}`),
        );
        return;
      }
      const request: RestRequest = {
        body,
        query: queryOf(req),
        params: found.params,
        user: claims.user,
        requestId: claims.requestId,
        baseUrl: (req.header(BASE_URL_HEADER) ?? '').replace(/\/+$/, ''),
      };
      found.route.handler(request).then(
        (reply) => send(res, reply),
        (error: unknown) => {
          const reply = replyForError(error);
          if (reply) return send(res, reply);
          log.error({ err: error, rid: claims.requestId, path: req.path }, 'TOM endpoint failed');
          send(
            res,
            errorReply(
              500,
              ErrorCode.INTERNAL_SERVER_ERROR,
              `Unexpected error (request id ${claims.requestId})`,
            ),
          );
        },
      );
    });
  };
}
