import { seeded } from '../alert-stream/light-curves.js';
import { AlertFollower } from './alert-follower.js';
import type { HubSession } from './hub-session.js';
import { classifyAlert, type AlertToClassify, type ClassifierProfile } from './taxonomy-classifier.js';

export interface PushBrokerOptions {
  /** The hub's base URL (the gateway); records are PUT to `<hubUrl>/elasticc2/brokermessage/`. */
  hubUrl: string;
  /** A BROKER user's API token, or a session with the hub that signs in as one (again after a 401). */
  token: string | HubSession;
  streamUrl?: string;
  everyMs?: number;
  seed?: number;
  classifier?: ClassifierProfile;
  /** Told after each timed round: its error, or the hub's reply (null reply: nothing new). */
  onRound?: (error: unknown, reply: PushReply | null) => void;
}

/** What the hub answered to one PUT (the TOM's shape). */
export interface PushReply {
  status: number;
  body: { brokerMessageId?: number | string; num_loaded?: number; [key: string]: unknown };
  location: string | null;
}

export interface PushBroker {
  /** Classifies these alerts and PUTs them in one request. */
  push(alerts: readonly AlertToClassify[]): Promise<PushReply>;
  /**
   * Follows the stream once and pushes what is new (null: nothing new). Alerts whose push failed
   * (the hub not up yet, a 401, a 5xx) are pushed again with the next ones: none is skipped.
   */
  follow(): Promise<PushReply | null>;
  /** Replies received, in order. */
  readonly replies: PushReply[];
  close(): void;
}

export const PUSH_BROKER_CLASSIFIER: ClassifierProfile = {
  brokerName: 'PushBroker',
  brokerVersion: '2.1',
  classifierName: 'XGBoost 1.7',
  classifierParams: 'balanced',
  accuracy: 0.7,
};

/** Records per PUT when following the stream (the first round holds every batch served so far). */
const PUSH_AT_MOST = 500;

/** A broker that PUSHes its classifications to the hub as the TOM's brokers do (PUT brokermessage). */
export function startPushBroker(options: PushBrokerOptions): PushBroker {
  const random = seeded(options.seed ?? 23);
  const classifier = options.classifier ?? PUSH_BROKER_CLASSIFIER;
  const follower = options.streamUrl ? new AlertFollower(options.streamUrl) : null;
  const replies: PushReply[] = [];
  const target = new URL(
    'elasticc2/brokermessage/',
    options.hubUrl.endsWith('/') ? options.hubUrl : `${options.hubUrl}/`,
  );

  const session = typeof options.token === 'string' ? null : options.token;
  const push = async (alerts: readonly AlertToClassify[]): Promise<PushReply> => {
    const published = Date.now() - 1_000;
    const records = alerts.map((a) => classifyAlert(a, classifier, random, published));
    const token = typeof options.token === 'string' ? options.token : await options.token.token();
    const response = await fetch(target, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(records),
    });
    if (response.status === 401) session?.invalidate();
    const reply: PushReply = {
      status: response.status,
      body: (await response.json()) as PushReply['body'],
      location: response.headers.get('location'),
    };
    replies.push(reply);
    return reply;
  };
  let pending: AlertToClassify[] = [];
  const follow = async (): Promise<PushReply | null> => {
    if (!follower) return null;
    // Signed in before the stream's cursor moves, so a hub not up yet leaves the alerts in the stream.
    await session?.token();
    pending = [...pending, ...(await follower.next())];
    let reply: PushReply | null = null;
    while (pending.length) {
      const batch = pending.slice(0, PUSH_AT_MOST);
      reply = await push(batch);
      // A record the hub refuses (4xx) would be refused again: only a 401 or a 5xx is worth retrying.
      if (reply.status === 401 || reply.status >= 500) break;
      pending = pending.slice(batch.length);
    }
    return reply;
  };
  let timer: NodeJS.Timeout | undefined;
  if (follower && options.everyMs) {
    let busy = false;
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void follow()
        .then(
          (reply) => options.onRound?.(null, reply),
          (error: unknown) => options.onRound?.(error, null),
        )
        .finally(() => (busy = false));
    }, options.everyMs);
  }
  return { push, follow, replies, close: () => clearInterval(timer) };
}
