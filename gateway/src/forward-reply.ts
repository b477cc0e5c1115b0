import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type express from 'express';

/**
 * Sends a subgraph's streamed reply on to the client: its status, the `headers` named (only those: a
 * subgraph's own hop and security headers stay behind), and its body piped through, so a large export
 * is never held in memory. Rejects when the body breaks off (the caller has already sent headers then).
 */
export async function forwardReply(
  reply: Response,
  res: express.Response,
  headers: readonly string[],
): Promise<void> {
  res.status(reply.status);
  for (const name of headers) {
    const value = reply.headers.get(name);
    if (value) res.setHeader(name, value);
  }
  if (!reply.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(reply.body as never), res);
}
