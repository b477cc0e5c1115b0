import type { Principal } from '@opshub/auth';
import type express from 'express';
import type { Authenticator } from './auth.js';
import { cookiesOf, SESSION_COOKIE } from './tom-cookies.js';

/** The TOM-compatible error answer: `{status: 'error', code, error}`. */
export function tomError(res: express.Response, status: number, code: string, error: string): void {
  res.status(status).json({ status: 'error', code, error });
}

/** The caller of a TOM path: a bearer token, else the `sessionid` cookie; `null` when either is bad. */
export async function tomCaller(
  req: express.Request,
  authenticator: Authenticator,
): Promise<{ user?: Principal; viaCookie: boolean } | null> {
  const header = req.header('authorization');
  const session = cookiesOf(req)[SESSION_COOKIE];
  if (header === undefined && session) {
    const result = await authenticator.fromHeader(`Bearer ${session}`);
    return result.kind === 'user' ? { user: result.user, viaCookie: true } : null;
  }
  const result = await authenticator.fromHeader(header);
  if (result.kind === 'invalid') return null;
  return result.kind === 'user' ? { user: result.user, viaCookie: false } : { viaCookie: false };
}
