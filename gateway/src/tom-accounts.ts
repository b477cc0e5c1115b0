import type { Logger } from '@opshub/config';
import { ErrorCode } from '@opshub/errors';
import express from 'express';
import { hashBearerToken, type Authenticator } from './auth.js';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  cookiesOf,
  newCsrfToken,
  SESSION_COOKIE,
  sameToken,
  setCookie,
} from './tom-cookies.js';
import { loginThroughOps, logoutThroughOps, type OpsCaller } from './tom-login.js';
import { tomCaller, tomError } from './tom-caller.js';

export interface TomAccountOptions {
  ops: OpsCaller;
  authenticator: Authenticator;
  log: Logger;
  secureCookies: boolean;
}

const PROFILE = '/accounts/profile/';
/** Django's words: the TOM's client looks for them to tell a refused sign-in. */
const WRONG_CREDENTIALS =
  'Please enter a correct username and password. Note that both fields may be case-sensitive.';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only a path on this site (`/x`, not `//host` or `http://…`): no open redirect. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : PROFILE;
}

function loginPage(csrf: string, next: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>opshub — sign in (TOM)</title></head><body>
<form method="post" action="/accounts/login/">
<input type="hidden" name="csrfmiddlewaretoken" value="${escapeHtml(csrf)}">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></body></html>`;
}

/**
 * `/accounts/login/` as Django serves it to the TOM's client: GET sets `csrftoken` and shows the
 * form; POST (username, password, csrfmiddlewaretoken) signs in through ops' `login` (its limits
 * apply), sets `sessionid` (HttpOnly, SameSite=Lax) holding the session token, a fresh `csrftoken`,
 * and redirects (302) to `next`. `/accounts/logout/` (POST) revokes the session.
 */
export function tomAccountRoutes(options: TomAccountOptions): (app: express.Express) => void {
  const { ops, authenticator, log, secureCookies } = options;
  const form = [express.urlencoded({ extended: false, limit: '16kb' }), express.json({ limit: '16kb' })];

  return (app) => {
    app.get(['/accounts/login', '/accounts/login/'], (req, res) => {
      const csrf = cookiesOf(req)[CSRF_COOKIE] ?? newCsrfToken();
      setCookie(res, CSRF_COOKIE, csrf, {
        secure: secureCookies,
        expires: new Date(Date.now() + 365 * 86_400_000),
      });
      res.setHeader('cache-control', 'no-store');
      res
        .status(200)
        .type('html')
        .send(loginPage(csrf, safeNext(req.query['next'])));
    });

    app.post(['/accounts/login', '/accounts/login/'], ...form, (req, res) => {
      const requestId = res.locals['requestId'] as string;
      const clientAddress = res.locals['clientAddress'] as string | undefined;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const sent =
        typeof body['csrfmiddlewaretoken'] === 'string'
          ? body['csrfmiddlewaretoken']
          : req.header(CSRF_HEADER);
      if (!sameToken(sent, cookiesOf(req)[CSRF_COOKIE]))
        return tomError(
          res,
          403,
          ErrorCode.FORBIDDEN,
          'CSRF verification failed: GET /accounts/login/ first, then send csrfmiddlewaretoken',
        );
      const { username, password } = body;
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password)
        return tomError(res, 400, ErrorCode.BAD_USER_INPUT, 'username and password are required');
      loginThroughOps(ops, username, password, {
        requestId,
        ...(clientAddress ? { clientAddress } : {}),
      }).then(
        (outcome) => {
          if (!outcome.ok) {
            if (outcome.code === ErrorCode.RATE_LIMITED && outcome.retryAfterSeconds !== undefined)
              res.setHeader('retry-after', String(outcome.retryAfterSeconds));
            const status =
              outcome.code === ErrorCode.UNAUTHENTICATED
                ? 401
                : outcome.code === ErrorCode.RATE_LIMITED
                  ? 429
                  : outcome.code === ErrorCode.BAD_USER_INPUT
                    ? 400
                    : outcome.code === ErrorCode.FORBIDDEN
                      ? 403
                      : 502;
            const message = status === 401 ? WRONG_CREDENTIALS : outcome.message;
            return tomError(res, status, outcome.code, message);
          }
          setCookie(res, SESSION_COOKIE, outcome.token, {
            httpOnly: true,
            secure: secureCookies,
            expires: outcome.expiresAt,
          });
          // A new CSRF token with the new session, as Django rotates it at sign-in.
          setCookie(res, CSRF_COOKIE, newCsrfToken(), {
            secure: secureCookies,
            expires: new Date(Date.now() + 365 * 86_400_000),
          });
          res.redirect(302, safeNext(body['next'] ?? req.query['next']));
        },
        (error: unknown) => {
          log.error({ err: error, rid: requestId }, 'TOM sign-in through ops failed');
          tomError(
            res,
            502,
            ErrorCode.UPSTREAM_UNAVAILABLE,
            `Sign-in is unavailable (request id ${requestId})`,
          );
        },
      );
    });

    app.post(['/accounts/logout', '/accounts/logout/'], (req, res) => {
      const requestId = res.locals['requestId'] as string;
      const clientAddress = res.locals['clientAddress'] as string | undefined;
      const cookies = cookiesOf(req);
      const token = cookies[SESSION_COOKIE];
      const clear = () => {
        setCookie(res, SESSION_COOKIE, '', { httpOnly: true, secure: secureCookies, expires: new Date(0) });
        res.redirect(302, '/accounts/login/');
      };
      if (!token) return clear();
      if (!sameToken(req.header(CSRF_HEADER), cookies[CSRF_COOKIE]))
        return tomError(
          res,
          403,
          ErrorCode.FORBIDDEN,
          'CSRF verification failed: send X-CSRFToken with the csrftoken cookie',
        );
      tomCaller(req, authenticator)
        .then(async (caller) => {
          if (caller?.user)
            await logoutThroughOps(ops, token, {
              requestId,
              user: caller.user,
              ...(clientAddress ? { clientAddress } : {}),
            });
          authenticator.forgetToken(hashBearerToken(token));
          clear();
        })
        .catch((error: unknown) => {
          log.error({ err: error, rid: requestId }, 'TOM sign-out through ops failed');
          tomError(
            res,
            502,
            ErrorCode.UPSTREAM_UNAVAILABLE,
            `Sign-out is unavailable (request id ${requestId})`,
          );
        });
    });

    // Where Django sends a signed-in user by default: who the session is.
    app.get(['/accounts/profile', PROFILE], (req, res) => {
      tomCaller(req, authenticator).then(
        (caller) => {
          if (!caller?.user) return tomError(res, 401, ErrorCode.UNAUTHENTICATED, 'Not signed in');
          res.json({ status: 'ok', username: caller.user.username, roles: caller.user.roles });
        },
        () => tomError(res, 502, ErrorCode.UPSTREAM_UNAVAILABLE, 'Sign-in is unavailable'),
      );
    });
  };
}
