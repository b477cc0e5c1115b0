import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's (or a proxy's) request id when it is safe to log and echo; otherwise a new one. */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && SANE.test(incoming) ? incoming : randomUUID();
}
