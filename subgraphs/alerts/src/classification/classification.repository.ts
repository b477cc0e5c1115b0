import type { Db } from '@opshub/db';

/** One classification entry as read (ids as decimal strings). */
export interface ClassificationRow {
  classifierId: string;
  classId: number;
  probability: number;
  brokerMessageId: string;
  alertId: string;
  diaSourceId: string;
  diaObjectId: string | null;
  at: Date;
}

export interface FiguresRow {
  classifierId: string;
  messages: number;
  duplicates: number;
  delayP50Seconds: number | null;
  delayP95Seconds: number | null;
  alertsSent: number;
  alertsClassified: number;
}

export class ClassificationRepository {
  constructor(private readonly db: Db) {}

  /** Each object's latest classification per classifier (object_classification), one row a class. */
  latest(objectIds: readonly bigint[]): Promise<ClassificationRow[]> {
    const ids = objectIds.map(String);
    return this.db.$queryRaw<ClassificationRow[]>`
      SELECT oc.classifier_id::text AS "classifierId", u.class_id::int AS "classId",
             u.probability::float8 AS probability, oc.broker_message_id::text AS "brokerMessageId",
             oc.alert_id::text AS "alertId", m.dia_source_id::text AS "diaSourceId",
             oc.dia_object_id::text AS "diaObjectId", oc.at
      FROM alerts.object_classification oc
      JOIN alerts.broker_message m ON m.id = oc.broker_message_id
      CROSS JOIN LATERAL unnest(oc.class_ids, oc.probabilities) WITH ORDINALITY AS u(class_id, probability, n)
      WHERE oc.dia_object_id = ANY(${ids}::bigint[])
      ORDER BY oc.dia_object_id, oc.classifier_id, u.probability DESC, u.n`;
  }

  /** Every message of an object, oldest alert first, one row a class. */
  history(objectId: bigint): Promise<ClassificationRow[]> {
    return this.db.$queryRaw<ClassificationRow[]>`
      SELECT m.classifier_id::text AS "classifierId", u.class_id::int AS "classId",
             u.probability::float8 AS probability, m.id::text AS "brokerMessageId",
             m.alert_id::text AS "alertId", m.dia_source_id::text AS "diaSourceId",
             m.dia_object_id::text AS "diaObjectId", m.elasticc_publish_timestamp AS at
      FROM alerts.broker_message m
      CROSS JOIN LATERAL unnest(m.class_ids, m.probabilities) WITH ORDINALITY AS u(class_id, probability, n)
      WHERE m.dia_object_id = ${objectId}::bigint
      ORDER BY m.elasticc_publish_timestamp, m.id, u.n`;
  }

  /**
   * Per classifier since a time: messages stored, duplicates (hourly tally), the delay from alert
   * to storage (percentile_cont), and how many of the alerts stored since then it classified.
   */
  figures(since: Date | null): Promise<FiguresRow[]> {
    const from = since ? since.toISOString() : null;
    return this.db.$queryRaw<FiguresRow[]>`
      WITH bounds AS (SELECT COALESCE(${from}::timestamptz, '-infinity'::timestamptz) AS since),
      m AS (
        SELECT classifier_id, count(*)::int AS messages,
               percentile_cont(0.5) WITHIN GROUP (
                 ORDER BY extract(epoch FROM desc_ingest_timestamp - elasticc_publish_timestamp)) AS p50,
               percentile_cont(0.95) WITHIN GROUP (
                 ORDER BY extract(epoch FROM desc_ingest_timestamp - elasticc_publish_timestamp)) AS p95
        FROM alerts.broker_message, bounds WHERE desc_ingest_timestamp >= bounds.since
        GROUP BY classifier_id
      ),
      d AS (
        SELECT classifier_id, sum(duplicates)::int AS duplicates
        FROM alerts.broker_duplicate_tally, bounds WHERE hour >= date_trunc('hour', bounds.since)
        GROUP BY classifier_id
      ),
      sent AS (SELECT count(*)::int AS n FROM alerts.alert, bounds WHERE ingested_at >= bounds.since),
      classified AS (
        SELECT bm.classifier_id, count(DISTINCT bm.alert_id)::int AS n
        FROM alerts.broker_message bm JOIN alerts.alert a ON a.alert_id = bm.alert_id, bounds
        WHERE a.ingested_at >= bounds.since
        GROUP BY bm.classifier_id
      )
      SELECT c.id::text AS "classifierId", COALESCE(m.messages, 0) AS messages,
             COALESCE(d.duplicates, 0) AS duplicates, m.p50 AS "delayP50Seconds", m.p95 AS "delayP95Seconds",
             sent.n AS "alertsSent", COALESCE(classified.n, 0) AS "alertsClassified"
      FROM alerts.broker_classifier c CROSS JOIN sent
      LEFT JOIN m ON m.classifier_id = c.id
      LEFT JOIN d ON d.classifier_id = c.id
      LEFT JOIN classified ON classified.classifier_id = c.id
      ORDER BY c.broker_name, c.broker_version, c.classifier_name, c.classifier_params`;
  }
}
