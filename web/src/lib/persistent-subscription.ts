import type { Client as WsClient, FormattedExecutionResult, Sink, SubscribePayload } from 'graphql-ws';
import { backoffDelay } from './backoff';
import { declaresVariable, resumablePayload } from '@opshub/client/resume';
import type { DocumentNode } from 'graphql';

type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

/** Close codes graphql-ws servers use for a refused `connection_init` (missing or revoked token). */
export const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([4401, 4403]);

export function closeCode(event: unknown): number | undefined {
  return typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number'
    ? event.code
    : undefined;
}

/**
 * A socket-level failure worth retrying: a close event or, in browsers, the bare `error` Event of a
 * refused connection. GraphQL errors (an array the hub sent on purpose) and refused tokens are not.
 */
export function isRetryableSocketFailure(error: unknown): boolean {
  if (Array.isArray(error)) return false;
  const code = closeCode(error);
  return code === undefined || !AUTH_CLOSE_CODES.has(code);
}

/**
 * Subscribes over graphql-ws. Operations that declare `$after` resume from their last `eventId`
 * whenever the payload is sent again. With `persistent`, a subscription that the hub completes
 * (a gateway restart, a schema change) or whose socket gave up is opened again after a backoff,
 * so a dashboard feed outlives the hub's restarts; GraphQL errors still end it.
 */
export function subscribeOverSocket(
  ws: WsClient,
  request: SubscribePayload,
  document: DocumentNode,
  sink: Sink<Result>,
  persistent: boolean,
): () => void {
  const { payload, seen } = resumablePayload(request, declaresVariable(document, 'after'));
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let release = (): void => {};

  const restart = (): void => {
    timer = setTimeout(start, backoffDelay(failures++, 500, 10_000));
  };

  function start(): void {
    release = ws.subscribe<Record<string, unknown>, Record<string, unknown>>(payload, {
      next: (result) => {
        failures = 0;
        seen(result);
        sink.next(result);
      },
      error: (error) => {
        if (persistent && !stopped && isRetryableSocketFailure(error)) restart();
        else sink.error(error);
      },
      complete: () => {
        if (persistent && !stopped) restart();
        else sink.complete();
      },
    });
  }

  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    release();
  };
}
