-- CreateEnum
CREATE TYPE "dcs"."AlarmSeverity" AS ENUM ('WARNING', 'CRITICAL');

-- CreateTable
CREATE TABLE "dcs"."reading" (
    "device_id" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "dcs"."latest_reading" (
    "device_id" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "latest_reading_pkey" PRIMARY KEY ("device_id","metric")
);

-- CreateTable
CREATE TABLE "dcs"."dead_letter" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dead_letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dcs"."alarm" (
    "id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "device_id" TEXT,
    "severity" "dcs"."AlarmSeverity" NOT NULL,
    "message" TEXT NOT NULL,
    "active_key" TEXT,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cleared_at" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" UUID,

    CONSTRAINT "alarm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dcs"."command" (
    "id" UUID NOT NULL,
    "issued_by" UUID,
    "system" TEXT,
    "kind" TEXT NOT NULL,
    "device_id" TEXT,
    "args" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted" BOOLEAN NOT NULL,
    "result" TEXT,
    "reason" TEXT,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "command_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dcs"."outbox" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reading_series_idx" ON "dcs"."reading"("device_id", "metric", "at", "value");

-- CreateIndex
CREATE UNIQUE INDEX "alarm_active_key_key" ON "dcs"."alarm"("active_key");

-- CreateIndex
CREATE INDEX "alarm_raised_at_idx" ON "dcs"."alarm"("raised_at");

-- CreateIndex
CREATE INDEX "command_at_idx" ON "dcs"."command"("at");

-- CreateIndex
CREATE INDEX "outbox_published_at_id_idx" ON "dcs"."outbox"("published_at", "id");
