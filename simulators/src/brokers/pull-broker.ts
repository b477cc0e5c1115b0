import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seeded } from '../alert-stream/light-curves.js';
import { AlertFollower } from './alert-follower.js';
import { classifyAlert, type AlertToClassify, type ClassifierProfile } from './taxonomy-classifier.js';

export interface PullBrokerOptions {
  port?: number;
  host?: string;
  /** The alert stream to follow; without it, alerts come only through `classify`. */
  streamUrl?: string;
  /** How often the stream is followed, ms (none: only `follow()`). */
  everyMs?: number;
  seed?: number;
  classifiers?: ClassifierProfile[];
}

export interface PullBroker {
  /** The broker's URL to register with addBrokerSource. */
  url: string;
  /** Classifies alerts (each by every classifier) and serves the records after the current ones. */
  classify(alerts: readonly AlertToClassify[]): number;
  /** Follows the stream once; returns the alerts classified. */
  follow(): Promise<number>;
  /** Records served so far. */
  readonly size: number;
  /** Every request's query `after` (tests check a pull resumes from its cursor). */
  readonly requests: (string | null)[];
  close(): Promise<void>;
}

export const PULL_BROKER_CLASSIFIERS: ClassifierProfile[] = [
  {
    brokerName: 'SimBroker',
    brokerVersion: '1.0',
    classifierName: 'RandomForest 2.3',
    classifierParams: 'v1',
    accuracy: 0.75,
  },
  {
    brokerName: 'SimBroker',
    brokerVersion: '1.0',
    classifierName: 'LightCurveNN 0.9',
    classifierParams: 'early',
    accuracy: 0.55,
  },
];

/**
 * A broker served over HTTP for the hub to pull (the protocol of the alerts README, "Broker
 * pull"): `GET /?after=<cursor>&limit=<n>` answers `{records, next}` — the classification records
 * after the cursor (an opaque position), and the cursor after them (the same one when none is new).
 */
export async function startPullBroker(options: PullBrokerOptions = {}): Promise<PullBroker> {
  const random = seeded(options.seed ?? 11);
  const classifiers = options.classifiers ?? PULL_BROKER_CLASSIFIERS;
  const records: Record<string, unknown>[] = [];
  const requests: (string | null)[] = [];
  const follower = options.streamUrl ? new AlertFollower(options.streamUrl) : null;

  const classify = (alerts: readonly AlertToClassify[]): number => {
    const published = Date.now() - 1_000;
    for (const alert of alerts)
      for (const profile of classifiers) records.push(classifyAlert(alert, profile, random, published));
    return alerts.length;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://broker');
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (req.method !== 'GET') return reply(405, { error: 'GET only' });
    const after = url.searchParams.get('after');
    requests.push(after);
    const from = after === null ? 0 : Number(after);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 1_000);
    if (!Number.isInteger(from) || from < 0)
      return reply(400, { error: 'after must be a cursor this broker gave' });
    const page = records.slice(from, from + limit);
    return reply(200, { records: page, next: String(from + page.length) });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const follow = async (): Promise<number> => (follower ? classify(await follower.next()) : 0);
  let timer: NodeJS.Timeout | undefined;
  if (follower && options.everyMs) {
    let busy = false;
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void follow()
        .catch(() => 0)
        .finally(() => (busy = false));
    }, options.everyMs);
  }
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    classify,
    follow,
    get size() {
      return records.length;
    },
    requests,
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
