import { hasRole, type Principal } from '@opshub/auth';
import { Role } from '@opshub/db/enums';
import { BadUserInputError, ForbiddenError } from '@opshub/errors';
import type { Outbox } from '@opshub/events';
import { ALERTS_STREAMS, type ClassificationMessageEvent } from '../events.js';
import type { BrokerMessageRepository, ClassifierRow, MessageToStore } from './broker-message.repository.js';
import {
  classifierKey,
  validateBrokerMessage,
  type RejectedMessage,
  type ValidBrokerMessage,
} from './broker-message.validate.js';

/** Messages one submit takes (the TOM's brokers send batches of a few hundred). */
export const MAX_SUBMIT = 5000;

/** What a submit did. `brokerMessageId` is the first id stored, null when nothing new was stored. */
export interface SubmitOutcome {
  brokerMessageId: string | null;
  numLoaded: number;
  duplicates: number;
  rejected: RejectedMessage[];
  /** The stored messages (id order), for callers that report them. */
  stored: ClassificationMessageEvent[];
}

/**
 * Broker classifications in (GraphQL, the TOM's REST PUT, the broker pull): validates each record
 * (refused ones are reported with their index and reason, the rest still stored), registers unseen
 * classifiers, stores the batch once (a message already stored — same alert, classifier and
 * classes — counts as a duplicate), and announces what was stored on `classificationAdded`.
 */
export class BrokerMessageService {
  constructor(
    private readonly messages: BrokerMessageRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Submits on behalf of a user: BROKER (or ADMIN) only. */
  async submit(records: readonly unknown[], user: Principal | undefined): Promise<SubmitOutcome> {
    if (!hasRole(user, Role.BROKER))
      throw new ForbiddenError('Submitting broker messages needs the BROKER role');
    return this.load(records);
  }

  /** Stores records already authorised (the broker pull runs as the hub). */
  async load(records: readonly unknown[]): Promise<SubmitOutcome> {
    if (records.length > MAX_SUBMIT)
      throw new BadUserInputError(`at most ${MAX_SUBMIT} messages a submit, got ${records.length}`, {
        argument: 'messages',
      });
    const rejected: RejectedMessage[] = [];
    const valid: ValidBrokerMessage[] = [];
    records.forEach((record, index) => {
      const v = validateBrokerMessage(record);
      if ('reason' in v) rejected.push({ index, reason: v.reason });
      else valid.push(v);
    });
    if (valid.length === 0)
      return { brokerMessageId: null, numLoaded: 0, duplicates: 0, rejected, stored: [] };

    const tuples = new Map<string, [string, string, string, string]>();
    for (const m of valid)
      tuples.set(classifierKey(m), [m.brokerName, m.brokerVersion, m.classifierName, m.classifierParams]);
    const classifiers = await this.messages.ensureClassifiers([...tuples.values()]);
    const idOf = new Map(classifiers.map((c: ClassifierRow) => [classifierKey(c), BigInt(c.id)]));
    const toStore: MessageToStore[] = valid.map((m) => ({ ...m, classifierId: idOf.get(classifierKey(m))! }));

    const sent = new Map<string, number>();
    for (const m of toStore) sent.set(String(m.classifierId), (sent.get(String(m.classifierId)) ?? 0) + 1);
    const { stored, outboxId } = await this.messages.store(toStore, (rows) => {
      const duplicates = new Map(sent);
      for (const r of rows) duplicates.set(r.classifierId, duplicates.get(r.classifierId)! - 1);
      for (const [k, n] of duplicates) if (n === 0) duplicates.delete(k);
      return duplicates;
    });
    if (outboxId !== null) await this.outbox.publishThrough(outboxId, ALERTS_STREAMS.classificationAdded);
    return {
      brokerMessageId: stored[0]?.brokerMessageId ?? null,
      numLoaded: stored.length,
      duplicates: valid.length - stored.length,
      rejected,
      stored,
    };
  }

  classifiers(): Promise<ClassifierRow[]> {
    return this.messages.classifiers();
  }

  async classifiersByIds(ids: readonly string[]): Promise<Map<string, ClassifierRow>> {
    const valid = ids.filter((id) => /^\d{1,19}$/.test(id)).map(BigInt);
    const rows = valid.length ? await this.messages.classifiers(valid) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
