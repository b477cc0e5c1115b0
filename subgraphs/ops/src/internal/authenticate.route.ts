import express from 'express';
import type { SessionService } from '../session/session.service.js';

/**
 * `POST /internal/authenticate {token}` → `{user, expiresAt}` or `{user: null, expiresAt: null}`: how
 * the gateway turns a bearer token into a principal. `expiresAt` (ISO string, or null for an API
 * token without expiry) lets the gateway close a WebSocket when its credential expires. Mounted
 * under `/internal/`, so the subgraph server has verified the gateway's signature (for ops, fresh,
 * not replayed) before this runs, exactly as for `/graphql`.
 */
export function authenticateRoute(sessions: SessionService) {
  return (app: express.Express): void => {
    app.post('/internal/authenticate', express.json({ limit: '4kb' }), async (req, res) => {
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
