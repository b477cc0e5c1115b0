-- Broker classifications: duplicates counted per classifier and hour, broker sources pulled after a
-- cursor, the alerts outbox (classificationAdded), and the indexes of the classification filters.

-- CreateTable
CREATE TABLE "alerts"."broker_duplicate_tally" (
    "classifier_id" BIGINT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "duplicates" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "broker_duplicate_tally_pkey" PRIMARY KEY ("classifier_id","hour")
);

-- CreateTable
CREATE TABLE "alerts"."broker_source" (
    "id" BIGSERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cursor" TEXT,
    "last_pulled_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "loaded" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "broker_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts"."outbox" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "broker_source_url_key" ON "alerts"."broker_source"("url");

-- CreateIndex
CREATE INDEX "outbox_published_at_id_idx" ON "alerts"."outbox"("published_at", "id");

-- CreateIndex
CREATE INDEX "object_classification_class_ids_idx" ON "alerts"."object_classification" USING GIN ("class_ids");

-- CreateIndex
CREATE INDEX "alert_ingested_at_idx" ON "alerts"."alert"("ingested_at");
