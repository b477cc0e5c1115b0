import type { BlockList } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type express from 'express';
import { peerIsTrustedProxy } from './client-address.js';

/**
 * What the web app needs and nothing more: its own hashed scripts (no inline script), styles, the
 * data: favicon, and fetch/WebSocket to this origin. No framing, no plugins, no `<base>`. Inline
 * styles are allowed: the explorer's editor (Monaco, in GraphiQL) writes its lines as HTML with
 * `style="top:…"` and adds `<style>` elements for its themes; without them every line draws at the
 * top. Scripts stay 'self' only, so an injected style can restyle a page but run nothing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=31536000; includeSubDomains';

export interface SecurityHeaderOptions {
  /** Proxies whose X-Forwarded-Proto is believed (HSTS is sent only over HTTPS). */
  trustedProxies?: BlockList;
}

function overHttps(req: express.Request, proxies: BlockList | undefined): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  return (
    peerIsTrustedProxy(req, proxies) &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

/** Browser hardening on every response of the gateway: the web app, the API, health and errors. */
export function securityHeaders(options: SecurityHeaderOptions): express.RequestHandler {
  return (req, res, next) => {
    // Every response, GET /graphql included: the CDN landing page is gone (a browser goes to #/explorer).
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (overHttps(req, options.trustedProxies)) res.setHeader('strict-transport-security', HSTS);
    next();
  };
}
