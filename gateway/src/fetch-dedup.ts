import type { Principal } from '@opshub/auth';
import type { SubgraphAnswer } from './subgraph-http.js';

/** Counts since start: fetches sent to a subgraph, and fetches answered by one already in flight. */
export interface FetchDedupStats {
  sent: number;
  joined: number;
}

/**
 * The part of the caller that the signed internal header forwards and a subgraph may decide on:
 * who (id, username, roles in order) and from where (client address). The request id is left out,
 * it only labels logs. Two fetches share an answer only when all of this is identical, so no caller
 * ever gets a result computed for someone who may see more, or less, than they may.
 */
export function authorisationScope(user: Principal | undefined, clientAddress: string | undefined): string {
  const roles = user ? [...user.roles].sort().join(',') : '';
  return JSON.stringify([user?.id ?? null, user?.username ?? null, roles, clientAddress ?? null]);
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the caller's own deadline). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * In-flight deduplication of identical subgraph reads: while one fetch for a key is on the wire,
 * the same key joins it instead of sending another. Nothing is kept once the answer is in (this is
 * not a cache): a fetch that starts after it gets a fresh answer. Callers choose the key (subgraph
 * URL, authorisation scope and body) and never pass mutations.
 */
export class InFlightFetches {
  private readonly pending = new Map<string, Promise<SubgraphAnswer>>();
  private readonly counts: FetchDedupStats = { sent: 0, joined: 0 };

  get stats(): FetchDedupStats {
    return { ...this.counts };
  }

  /** How many distinct fetches are on the wire now. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * `send` is called only when no fetch with `key` is in flight; every caller, the first included,
   * gets the answer read whole (each wraps it in a response of its own: nothing is shared mutably).
   * `signal` is the caller's own deadline: a joiner whose deadline passes stops waiting, and the
   * fetch goes on for the others.
   */
  fetch(key: string, send: () => Promise<SubgraphAnswer>, signal?: AbortSignal): Promise<SubgraphAnswer> {
    let answer = this.pending.get(key);
    if (answer) {
      this.counts.joined++;
    } else {
      this.counts.sent++;
      const sent = send();
      answer = sent;
      this.pending.set(key, sent);
      const forget = () => {
        if (this.pending.get(key) === sent) this.pending.delete(key);
      };
      sent.then(forget, forget);
    }
    return untilAborted(answer, signal);
  }
}
