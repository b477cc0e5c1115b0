import type { IncomingMessage } from 'node:http';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `GATEWAY_ALLOWED_ORIGINS`: a comma-separated list of origins (`https://hub.example.org`).
 * Throws on an entry that is not an origin, so a typo fails at start rather than locking users out.
 */
export function parseAllowedOrigins(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const origin = safeOrigin(entry);
      if (!origin || origin !== entry.replace(/\/$/, ''))
        throw new Error(`GATEWAY_ALLOWED_ORIGINS: "${entry}" is not an origin (scheme://host[:port])`);
      return origin;
    });
}

const safeOrigin = (value: string): string | undefined => {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
};

/**
 * Which browser pages may open a WebSocket here (cross-site WebSocket hijacking: browsers send
 * cookies and any page's script can connect). Allowed: requests without `Origin` (scripts, the
 * client package — not browsers), the gateway's own origin (same host as the request), and either
 * the configured list or, when none is configured, localhost pages (the Vite dev server).
 */
export function originAllowed(
  origin: string | undefined,
  request: IncomingMessage,
  allowed: readonly string[] | undefined,
): boolean {
  if (origin === undefined || origin === '') return true;
  const normalised = safeOrigin(origin);
  if (!normalised) return false;
  const url = new URL(normalised);
  if (request.headers.host && url.host === request.headers.host.toLowerCase()) return true;
  return allowed ? allowed.includes(normalised) : LOCAL_HOSTS.has(url.hostname);
}
