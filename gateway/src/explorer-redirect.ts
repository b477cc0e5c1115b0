import type express from 'express';

/**
 * A browser opening `/graphql` (a GET asking for HTML, with no `query`) is sent to the web app's
 * explorer, bundled with the app, instead of a landing page that loads an IDE from a CDN (facility
 * networks have no internet). GraphQL GETs, POSTs and WebSocket upgrades go on to the API.
 */
export function explorerRedirect(): express.RequestHandler {
  return (req, res, next) => {
    const wantsHtml = (req.header('accept') ?? '').includes('text/html');
    if (req.method !== 'GET' || !wantsHtml || req.query['query'] !== undefined) return next();
    res.redirect(302, '/#/explorer');
  };
}
