import { randomUUID } from 'node:crypto';
import { INTERNAL_HEADER, signInternal, type Principal } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { TEST_SECRET } from '@opshub/testing';
import { encodeAlertContainer } from '../src/index.js';
import { tomSurface } from '../src/rest/tom-surface.js';
import { startHarness, type Harness } from './harness.js';
import { lightCurveAlerts, OBJECT_ID } from './light-curve.fixture.js';

/** Three objects beyond 2^53 with 40 alerts each: 120 sources (two pages), 420 forced sources. */
export const OBJECT_IDS = [OBJECT_ID, OBJECT_ID + 7n, OBJECT_ID + 11n];

export const VIEWER: Principal = {
  id: '00000000-0000-4000-8000-0000000000ab',
  username: 'sci',
  roles: ['VIEWER'],
};

/** A parsed answer, read by the tests field by field (the TOM's shapes are what they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON shape, asserted by the tests
export type TomJson = any;

export interface TomServer {
  h: Harness;
  origin: string;
  /** Calls the subgraph as the gateway does (signed, with the caller), `user: null` for anonymous. */
  call(
    method: string,
    path: string,
    body?: unknown,
    user?: Principal | null,
  ): Promise<{ status: number; text: string; json: TomJson }>;
  close(): Promise<void>;
}

/** The alerts subgraph server with its TOM routes over a fresh database holding OBJECT_IDS' alerts. */
export async function startTomServer(label: string): Promise<TomServer> {
  const h = await startHarness(label);
  for (const id of OBJECT_IDS)
    await h.services.ingest.ingestBytes(`${id}.avro`, await encodeAlertContainer(lightCurveAlerts(id)));
  const log = createLogger(label, 'silent');
  const server: RunningSubgraph = await startSubgraphServer({
    name: 'alerts',
    schema: h.schema,
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log,
    routes: tomSurface(h.services, TEST_SECRET, log),
  });
  const origin = new URL(server.url).origin;
  return {
    h,
    origin,
    async call(method, path, body, user = VIEWER) {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: {
          [INTERNAL_HEADER]: signInternal(TEST_SECRET, 'alerts', {
            requestId: randomUUID(),
            ...(user ? { user } : {}),
          }),
          'x-opshub-base-url': 'http://hub.test',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined
          ? {
              body:
                typeof body === 'string'
                  ? body
                  : JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
            }
          : {}),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, text, json };
    },
    async close() {
      await server.close();
      await h.close();
    },
  };
}
