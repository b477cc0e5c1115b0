import { seeded } from '../alert-stream/light-curves.js';
import { AlertFollower } from './alert-follower.js';
import { classifyAlert, type AlertToClassify, type ClassifierProfile } from './taxonomy-classifier.js';

export interface PushBrokerOptions {
  /** The hub's base URL (the gateway); records are PUT to `<hubUrl>/elasticc2/brokermessage/`. */
  hubUrl: string;
  /** A BROKER user's API token. */
  token: string;
  streamUrl?: string;
  everyMs?: number;
  seed?: number;
  classifier?: ClassifierProfile;
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
  /** Follows the stream once and pushes what is new (null: nothing new). */
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

  const push = async (alerts: readonly AlertToClassify[]): Promise<PushReply> => {
    const published = Date.now() - 1_000;
    const records = alerts.map((a) => classifyAlert(a, classifier, random, published));
    const response = await fetch(target, {
      method: 'PUT',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(records),
    });
    const reply: PushReply = {
      status: response.status,
      body: (await response.json()) as PushReply['body'],
      location: response.headers.get('location'),
    };
    replies.push(reply);
    return reply;
  };
  const follow = async (): Promise<PushReply | null> => {
    if (!follower) return null;
    const alerts = await follower.next();
    return alerts.length ? push(alerts) : null;
  };
  let timer: NodeJS.Timeout | undefined;
  if (follower && options.everyMs) {
    let busy = false;
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void follow()
        .catch(() => null)
        .finally(() => (busy = false));
    }, options.everyMs);
  }
  return { push, follow, replies, close: () => clearInterval(timer) };
}
