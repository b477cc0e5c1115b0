import type { Db, Tx } from '@opshub/db';
import type { Outbox } from '@opshub/events';
import { ALERTS_STREAMS, type ClassificationAddedEvent, type ClassificationMessageEvent } from '../events.js';
import type { ValidBrokerMessage } from './broker-message.validate.js';

/** A classifier row as the queries read it (ids as decimal strings). */
export interface ClassifierRow {
  id: string;
  brokerName: string;
  brokerVersion: string;
  classifierName: string;
  classifierParams: string;
  createdAt: Date;
}

/** A valid message with its classifier's id, ready to store. */
export interface MessageToStore extends ValidBrokerMessage {
  classifierId: bigint;
}

/** What one batch stored: its messages (id order) and the outbox row announcing them (null: none). */
export interface StoredBatch {
  stored: ClassificationMessageEvent[];
  outboxId: bigint | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export class BrokerMessageRepository {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox<Tx>,
  ) {}

  /**
   * The classifiers of these 4-tuples, registered on first sight. `ON CONFLICT DO NOTHING` then a
   * read: two batches registering the same classifier at once get the one row (the second insert
   * waits for the first to commit, then does nothing).
   */
  async ensureClassifiers(
    tuples: readonly (readonly [string, string, string, string])[],
  ): Promise<ClassifierRow[]> {
    const names = tuples.map((t) => t[0]);
    const versions = tuples.map((t) => t[1]);
    const classifiers = tuples.map((t) => t[2]);
    const params = tuples.map((t) => t[3]);
    await this.db.$executeRaw`
      INSERT INTO alerts.broker_classifier (broker_name, broker_version, classifier_name, classifier_params)
      SELECT * FROM unnest(${names}::text[], ${versions}::text[], ${classifiers}::text[], ${params}::text[])
      ORDER BY 1, 2, 3, 4
      ON CONFLICT (broker_name, broker_version, classifier_name, classifier_params) DO NOTHING`;
    return this.db.$queryRaw<ClassifierRow[]>`
      SELECT c.id::text AS id, c.broker_name AS "brokerName", c.broker_version AS "brokerVersion",
             c.classifier_name AS "classifierName", c.classifier_params AS "classifierParams",
             c.created_at AS "createdAt"
      FROM alerts.broker_classifier c
      JOIN unnest(${names}::text[], ${versions}::text[], ${classifiers}::text[], ${params}::text[])
        AS t(n, v, c, p)
        ON c.broker_name = t.n AND c.broker_version = t.v AND c.classifier_name = t.c AND c.classifier_params = t.p`;
  }

  classifiers(ids?: readonly bigint[]): Promise<ClassifierRow[]> {
    const strings = ids?.map(String) ?? null;
    return this.db.$queryRaw<ClassifierRow[]>`
      SELECT id::text AS id, broker_name AS "brokerName", broker_version AS "brokerVersion",
             classifier_name AS "classifierName", classifier_params AS "classifierParams",
             created_at AS "createdAt"
      FROM alerts.broker_classifier
      WHERE ${strings}::bigint[] IS NULL OR id = ANY(${strings}::bigint[])
      ORDER BY broker_name, broker_version, classifier_name, classifier_params`;
  }

  /**
   * Stores a batch in one transaction: the messages (`ON CONFLICT DO NOTHING` on alert, classifier
   * and classes: a duplicate is skipped, not stored twice), each object's latest classification per
   * classifier (by elasticcPublishTimestamp), the duplicates' hourly tally, and one outbox event.
   */
  store(
    messages: readonly MessageToStore[],
    duplicatesByClassifier: (stored: ClassificationMessageEvent[]) => Map<string, number>,
  ): Promise<StoredBatch> {
    const input = JSON.stringify(
      messages.map((m, ord) => ({
        ord,
        alert_id: m.alertId.toString(),
        dia_source_id: m.diaSourceId.toString(),
        classifier_id: m.classifierId.toString(),
        class_ids: m.classIds,
        probabilities: m.probabilities,
        elasticc: iso(m.elasticcPublishTimestamp),
        broker_ingest: iso(m.brokerIngestTimestamp),
        broker_publish: iso(m.brokerPublishTimestamp),
      })),
    );
    return this.db.$transaction(async (tx) => {
      const stored = await tx.$queryRaw<ClassificationMessageEvent[]>`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS r(
            ord int, alert_id bigint, dia_source_id bigint, classifier_id bigint, class_ids smallint[],
            probabilities real[], elasticc timestamptz, broker_ingest timestamptz, broker_publish timestamptz)
        ), ins AS (
          INSERT INTO alerts.broker_message (alert_id, dia_source_id, dia_object_id, classifier_id, class_ids,
            probabilities, elasticc_publish_timestamp, broker_ingest_timestamp, broker_publish_timestamp)
          SELECT i.alert_id, i.dia_source_id, COALESCE(a.dia_object_id, s.dia_object_id), i.classifier_id,
                 i.class_ids, i.probabilities, i.elasticc, i.broker_ingest, i.broker_publish
          FROM input i
          LEFT JOIN alerts.alert a ON a.alert_id = i.alert_id
          LEFT JOIN alerts.dia_source s ON s.dia_source_id = i.dia_source_id
          ORDER BY i.ord
          ON CONFLICT (alert_id, classifier_id, class_ids) DO NOTHING
          RETURNING id, alert_id, dia_source_id, dia_object_id, classifier_id, class_ids, probabilities,
                    elasticc_publish_timestamp
        ), latest AS (
          SELECT DISTINCT ON (dia_object_id, classifier_id) * FROM ins WHERE dia_object_id IS NOT NULL
          ORDER BY dia_object_id, classifier_id, elasticc_publish_timestamp DESC, id DESC
        ), summary AS (
          INSERT INTO alerts.object_classification AS oc
            (dia_object_id, classifier_id, broker_message_id, alert_id, class_ids, probabilities, at)
          SELECT dia_object_id, classifier_id, id, alert_id, class_ids, probabilities, elasticc_publish_timestamp
          FROM latest ORDER BY dia_object_id, classifier_id
          ON CONFLICT (dia_object_id, classifier_id) DO UPDATE
            SET broker_message_id = EXCLUDED.broker_message_id, alert_id = EXCLUDED.alert_id,
                class_ids = EXCLUDED.class_ids, probabilities = EXCLUDED.probabilities, at = EXCLUDED.at
            WHERE oc.at <= EXCLUDED.at
        )
        SELECT id::text AS "brokerMessageId", classifier_id::text AS "classifierId", alert_id::text AS "alertId",
               dia_source_id::text AS "diaSourceId", dia_object_id::text AS "diaObjectId",
               class_ids::int[] AS "classIds", probabilities::float8[] AS probabilities,
               to_char(elasticc_publish_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM ins ORDER BY id`;
      const duplicates = duplicatesByClassifier(stored);
      if (duplicates.size > 0) {
        const ids = [...duplicates.keys()];
        const counts = ids.map((k) => duplicates.get(k)!);
        await tx.$executeRaw`
          INSERT INTO alerts.broker_duplicate_tally AS t (classifier_id, hour, duplicates)
          SELECT c, date_trunc('hour', now()), n FROM unnest(${ids}::bigint[], ${counts}::bigint[]) AS u(c, n)
          ORDER BY c
          ON CONFLICT (classifier_id, hour) DO UPDATE SET duplicates = t.duplicates + EXCLUDED.duplicates`;
      }
      const event: ClassificationAddedEvent = { messages: stored };
      const outboxId = stored.length
        ? await this.outbox.append(tx, ALERTS_STREAMS.classificationAdded, event)
        : null;
      return { stored, outboxId };
    });
  }
}
