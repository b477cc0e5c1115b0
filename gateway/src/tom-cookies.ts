import { randomBytes, timingSafeEqual } from 'node:crypto';
import type express from 'express';

/** The Django names the DESC TOM's scripts read and send. */
export const CSRF_COOKIE = 'csrftoken';
export const SESSION_COOKIE = 'sessionid';
export const CSRF_HEADER = 'x-csrftoken';

/** The request's cookies (the last value wins, as browsers send the most specific first… and scripts one). */
export function cookiesOf(req: express.Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] ??= decodeURIComponent(raw);
    } catch {
      out[name] ??= raw;
    }
  }
  return out;
}

export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

/** Same token, compared in constant time; an empty or absent token never matches. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface CookieOptions {
  httpOnly?: boolean;
  /** Absent: a session cookie (until the browser closes); 0: delete it. */
  expires?: Date;
  secure: boolean;
}

/** Appends a `Set-Cookie` (SameSite=Lax, Path=/), keeping any already set on the response. */
export function setCookie(res: express.Response, name: string, value: string, o: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (o.expires) parts.push(`Expires=${o.expires.toUTCString()}`);
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  const previous = res.getHeader('set-cookie');
  const list = Array.isArray(previous) ? previous : previous ? [String(previous)] : [];
  res.setHeader('set-cookie', [...list, parts.join('; ')]);
}
