// The load generator of `npm run bench -- gateway`, a process of its own so that its clients'
// work shares neither an event loop nor a core's time slice with the gateway under test.
// BENCH_LOAD (env): JSON LoadSpec; prints one JSON LoadResult line on stdout.
import { randomUUID } from 'node:crypto';
import { INTERNAL_HEADER, signInternal, type Principal } from '@opshub/auth';
import { closedLoop } from './lib/load.js';

export interface LoadSpec {
  url: string;
  query: string;
  /** A client's bearer token (through a gateway), or the internal header signed per request (the subgraph directly). */
  auth:
    { kind: 'bearer'; token: string } | { kind: 'signed'; secret: string; subgraph: string; user: Principal };
  /** An answer counts as correct when it has no errors and this many OUS edges. */
  edges: number;
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
}

const spec = JSON.parse(process.env['BENCH_LOAD'] ?? '{}') as LoadSpec;
const { auth } = spec;

const headers = (): Record<string, string> =>
  auth.kind === 'bearer'
    ? { authorization: `Bearer ${auth.token}` }
    : // A signature is one-shot and lives 10 s: sign each direct call, as a gateway does.
      {
        [INTERNAL_HEADER]: signInternal(auth.secret, auth.subgraph, {
          requestId: randomUUID(),
          user: auth.user,
        }),
      };

const body = JSON.stringify({ query: spec.query });
const send = async (): Promise<boolean> => {
  const response = await fetch(spec.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers() },
    body,
  });
  const answer = (await response.json()) as {
    errors?: unknown;
    data?: { obsUnitSets?: { edges: unknown[] } };
  };
  return response.ok && !answer.errors && answer.data?.obsUnitSets?.edges.length === spec.edges;
};

const result = await closedLoop(send, spec);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
