import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Paths the gateway answers itself; never rewritten to the web app's index.html. */
const OWN_PATHS = /^\/(graphql|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the built web app: files as they are (hashed assets cached for a year), and
 * `index.html` for any other GET that asks for HTML, so client-side routes survive a reload.
 */
export function webRoutes(webDist: string) {
  const root = path.resolve(webDist);
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`WEB_DIST ${root} has no index.html (build the web app first)`);
  return (app: express.Express): void => {
    app.use(
      express.static(root, {
        index: 'index.html',
        setHeaders: (res, file) => {
          const hashed = file.includes(`${path.sep}assets${path.sep}`);
          res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
    );
    app.use((req, res, next) => {
      if (
        (req.method !== 'GET' && req.method !== 'HEAD') ||
        OWN_PATHS.test(req.path) ||
        !req.accepts('html')
      ) {
        next();
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    });
  };
}
