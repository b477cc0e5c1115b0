import { INTERNAL_HEADER, verifyInternal } from '@opshub/auth';
import express from 'express';
import type { SessionService } from '../session/session.service.js';

/**
 * `POST /internal/authenticate {token}` → `{user, expiresAt}` or `{user: null, expiresAt: null}`: how
 * the gateway turns a bearer token into a principal. `expiresAt` (ISO string, or null for an API
 * token without expiry) lets the gateway close a WebSocket when its credential expires. Like
 * `/graphql`, it answers only calls signed by the gateway.
 */
export function authenticateRoute(sessions: SessionService, secret: string) {
  return (app: express.Express): void => {
    app.post('/internal/authenticate', express.json({ limit: '4kb' }), async (req, res) => {
      try {
        verifyInternal(secret, 'ops', req.header(INTERNAL_HEADER) ?? '');
      } catch {
        res.status(401).json({ error: 'unsigned' });
        return;
      }
      const token = (req.body as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token.length > 200) {
        res.status(400).json({ error: 'token must be a string' });
        return;
      }
      const credential = await sessions.credential(token);
      res.json({
        user: credential?.user ?? null,
        expiresAt: credential?.expiresAt?.toISOString() ?? null,
      });
    });
  };
}
