// The subscribers of the subscriptions bench, in their own process (as real clients are): opens
// graphql-ws clients at the gateway when told, records when each OUS's event reached each client,
// and closes them all. Driven over IPC by bench/src/subscriptions.ts.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** The cross-subgraph subscription of issue 11 (the actor's username comes from ops). */
const QUERY = `subscription ($programId: String) {
  ousStateChanged(programId: $programId) { ous { id state } transition { from to actor { username } } }
}`;

export type LoadCommand =
  | {
      type: 'open';
      id: number;
      wsUrl: string;
      tokens: string[];
      count: number;
      programIds: (string | null)[];
    }
  | { type: 'progress'; id: number }
  | { type: 'arrivals'; id: number; ousIds: string[] }
  | { type: 'close'; id: number };

interface Subscriber {
  client: Client;
  /** Arrival (epoch ms) of each OUS's event. */
  arrivals: Map<string, number>;
  errors: number;
}

let subscribers: Subscriber[] = [];

function open(wsUrl: string, token: string, programId: string | null, connected: () => void): Subscriber {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    // A loaded machine may miss the 3 s connection_init window (4408): connect again, resubscribe.
    retryAttempts: 5,
    lazy: false,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { connected },
  });
  const subscriber: Subscriber = { client, arrivals: new Map(), errors: 0 };
  client.subscribe(
    { query: QUERY, variables: programId ? { programId } : {} },
    {
      next: (result) => {
        const id = (result.data as { ousStateChanged?: { ous?: { id?: string } } } | null | undefined)
          ?.ousStateChanged?.ous?.id;
        if (id) subscriber.arrivals.set(id, Date.now());
        if (result.errors) subscriber.errors++;
      },
      error: () => void subscriber.errors++,
      complete: () => undefined,
    },
  );
  return subscriber;
}

/** 50 connections at a time, each batch acknowledged before the next (as clients arrive, not all in one tick). */
async function openInBatches(command: Extract<LoadCommand, { type: 'open' }>): Promise<void> {
  for (let from = 0; from < command.count; from += 50) {
    const batch: Promise<void>[] = [];
    for (let i = from; i < Math.min(command.count, from + 50); i++) {
      batch.push(
        new Promise<void>((resolve) => {
          const programId = command.programIds[i % command.programIds.length] ?? null;
          subscribers.push(
            open(command.wsUrl, command.tokens[i % command.tokens.length]!, programId, resolve),
          );
        }),
      );
    }
    await Promise.race([Promise.all(batch), new Promise((r) => setTimeout(r, 10_000))]);
  }
}

process.on('message', (command: LoadCommand) => {
  const reply = (body: Record<string, unknown>): void => void process.send?.({ id: command.id, ...body });
  if (command.type === 'open') {
    void openInBatches(command).then(() => reply({ opened: subscribers.length }));
  } else if (command.type === 'progress') {
    reply({
      withEvent: subscribers.filter((s) => s.arrivals.size > 0).length,
      errors: subscribers.reduce((n, s) => n + s.errors, 0),
    });
  } else if (command.type === 'arrivals') {
    // Per OUS: each subscriber's arrival time, or null when it has not arrived.
    reply({
      arrivals: command.ousIds.map((id) => subscribers.map((s) => s.arrivals.get(id) ?? null)),
    });
  } else {
    const closing = subscribers;
    subscribers = [];
    void Promise.all(closing.map((s) => s.client.dispose())).then(() => reply({ closed: closing.length }));
  }
});
process.send?.({ id: 0, ready: true });
