import { BadUserInputError } from '@opshub/errors';
import { isStreamId, type EventBus } from '@opshub/events';
import { requireId } from '../alert/alert.service.js';
import type { BrokerMessageService } from '../broker/broker-message.service.js';
import { ALERTS_STREAMS, type ClassificationAddedEvent, type ClassificationMessageEvent } from '../events.js';
import type { ClassificationRepository, ClassificationRow } from './classification.repository.js';
import type { BrokerFigures, Classification, ClassificationAddedArgs } from './classification.type.js';
import { className } from './taxonomy.js';

/** Which new classification entries a subscriber receives (checked on the server, per entry). */
export type ClassificationFilter = Pick<
  ClassificationAddedArgs,
  'objectId' | 'classifier' | 'classId' | 'minProbability'
>;

function toClassification(r: ClassificationRow): Classification {
  return { ...r, className: className(r.classId) ?? String(r.classId) };
}

/** The entries of one stored message that pass the filter. */
export function entriesOf(
  m: ClassificationMessageEvent,
  f: ClassificationFilter,
  eventId?: string,
): Classification[] {
  if (f.objectId != null && m.diaObjectId !== f.objectId) return [];
  if (f.classifier != null && m.classifierId !== f.classifier) return [];
  const out: Classification[] = [];
  m.classIds.forEach((classId, i) => {
    const probability = m.probabilities[i]!;
    if (f.classId != null && classId !== f.classId) return;
    if (f.minProbability != null && !(probability >= f.minProbability)) return;
    out.push({
      ...toClassification({
        classifierId: m.classifierId,
        classId,
        probability,
        brokerMessageId: m.brokerMessageId,
        alertId: m.alertId,
        diaSourceId: m.diaSourceId,
        diaObjectId: m.diaObjectId,
        at: new Date(m.at),
      }),
      ...(eventId ? { eventId } : {}),
    });
  });
  return out;
}

export class ClassificationService {
  constructor(
    private readonly rows: ClassificationRepository,
    private readonly brokers: BrokerMessageService,
    private readonly events: EventBus,
  ) {}

  /** Each object's latest classification per classifier, for a loader of object ids. */
  async latestByObjects(objectIds: readonly string[]): Promise<Map<string, Classification[]>> {
    const rows = await this.rows.latest(objectIds.map((id) => requireId(id, 'id')));
    const out = new Map<string, Classification[]>(objectIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.diaObjectId!)?.push(toClassification(r));
    return out;
  }

  async history(objectId: string): Promise<Classification[]> {
    return (await this.rows.history(requireId(objectId, 'id'))).map(toClassification);
  }

  async figures(since: Date | null): Promise<BrokerFigures[]> {
    const [rows, classifiers] = await Promise.all([this.rows.figures(since), this.brokers.classifiers()]);
    const byId = new Map(classifiers.map((c) => [c.id, c]));
    return rows.flatMap((r) => {
      const classifier = byId.get(r.classifierId);
      if (!classifier) return [];
      return [
        {
          ...r,
          classifier,
          completeness: r.alertsSent > 0 ? r.alertsClassified / r.alertsSent : null,
        },
      ];
    });
  }

  /** New classification entries as they are stored, only those the filter keeps. */
  async subscribe(
    filter: ClassificationFilter,
    after?: string | null,
  ): Promise<AsyncIterable<Classification>> {
    if (filter.objectId != null) requireId(filter.objectId, 'objectId');
    if (filter.classifier != null) requireId(filter.classifier, 'classifier');
    if (filter.minProbability != null && !(filter.minProbability >= 0 && filter.minProbability <= 1))
      throw new BadUserInputError('minProbability must be in [0, 1]', { argument: 'minProbability' });
    if (after != null && !isStreamId(after))
      throw new BadUserInputError('after must be an eventId received earlier', { argument: 'after' });
    const source = await this.events.subscribe<ClassificationAddedEvent>(
      ALERTS_STREAMS.classificationAdded,
      after != null ? { after } : {},
    );
    // An iterator, not an async generator: return() must end the source at once (see AlertService).
    const events = source[Symbol.asyncIterator]();
    const pending: Classification[] = [];
    const kept: AsyncIterableIterator<Classification> = {
      [Symbol.asyncIterator]: () => kept,
      next: async () => {
        while (pending.length === 0) {
          const r = await events.next();
          if (r.done) return { done: true, value: undefined };
          for (const m of r.value.payload.messages) pending.push(...entriesOf(m, filter, r.value.id));
        }
        return { done: false, value: pending.shift()! };
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
    };
    return kept;
  }
}
