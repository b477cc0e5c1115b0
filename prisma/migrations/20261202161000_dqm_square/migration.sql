-- CreateEnum
CREATE TYPE "dqm"."DqmCluster" AS ENUM ('PRODUCTION', 'PLAYBACK');

-- CreateTable
CREATE TABLE "dqm"."dqm_host" (
    "id" UUID NOT NULL,
    "cluster" "dqm"."DqmCluster" NOT NULL,
    "url" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "control_secret" TEXT,
    "last_rev" BIGINT NOT NULL DEFAULT 0,
    "up" BOOLEAN NOT NULL DEFAULT false,
    "last_sync_at" TIMESTAMPTZ(3),
    "lag_seconds" DOUBLE PRECISION,
    "error" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "backoff_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dqm_host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dqm"."dqm_pseudonym" (
    "digest" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dqm_pseudonym_pkey" PRIMARY KEY ("digest")
);

-- CreateTable
CREATE TABLE "dqm"."dqm_host_status" (
    "id" BIGSERIAL NOT NULL,
    "host_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "up" BOOLEAN NOT NULL,
    "lag_seconds" DOUBLE PRECISION,
    "error" TEXT,

    CONSTRAINT "dqm_host_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dqm"."dqm_job" (
    "id" TEXT NOT NULL,
    "host_id" UUID NOT NULL,
    "cluster" "dqm"."DqmCluster" NOT NULL,
    "host_name" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "client" TEXT NOT NULL,
    "run_key" TEXT,
    "cmssw_version" TEXT,
    "exit_code" INTEGER,
    "events_total" BIGINT NOT NULL DEFAULT 0,
    "events_rate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "lumisection" INTEGER,
    "fi_state" TEXT,
    "memory_kb" INTEGER,
    "log_head" TEXT,
    "log_tail" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "rev" BIGINT NOT NULL,

    CONSTRAINT "dqm_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dqm"."dqm_stream_delivery" (
    "host_id" UUID NOT NULL,
    "document_id" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "stream" TEXT NOT NULL,
    "lumisection" INTEGER NOT NULL,
    "delay_seconds" DOUBLE PRECISION NOT NULL,
    "evt_accepted" INTEGER NOT NULL,
    "evt_processed" INTEGER NOT NULL,
    "file_size" BIGINT NOT NULL,
    "delivered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dqm_stream_delivery_pkey" PRIMARY KEY ("document_id","stream","lumisection")
);

-- CreateTable
CREATE TABLE "dqm"."dqm_control_audit" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "host_id" UUID,
    "action" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "output" TEXT NOT NULL,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "dqm_control_audit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dqm_host_url_key" ON "dqm"."dqm_host"("url");

-- CreateIndex
CREATE INDEX "dqm_host_cluster_idx" ON "dqm"."dqm_host"("cluster");

-- CreateIndex
CREATE UNIQUE INDEX "dqm_pseudonym_pseudonym_key" ON "dqm"."dqm_pseudonym"("pseudonym");

-- CreateIndex
CREATE INDEX "dqm_host_status_host_id_at_idx" ON "dqm"."dqm_host_status"("host_id", "at" DESC);

-- CreateIndex
CREATE INDEX "dqm_host_status_at_idx" ON "dqm"."dqm_host_status"("at");

-- CreateIndex
CREATE INDEX "dqm_job_cluster_run_idx" ON "dqm"."dqm_job"("cluster", "run");

-- CreateIndex
CREATE INDEX "dqm_job_run_idx" ON "dqm"."dqm_job"("run");

-- CreateIndex
CREATE INDEX "dqm_stream_delivery_run_idx" ON "dqm"."dqm_stream_delivery"("run");

-- CreateIndex
CREATE INDEX "dqm_control_audit_at_idx" ON "dqm"."dqm_control_audit"("at" DESC);

-- AddForeignKey
ALTER TABLE "dqm"."dqm_host_status" ADD CONSTRAINT "dqm_host_status_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "dqm"."dqm_host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dqm"."dqm_job" ADD CONSTRAINT "dqm_job_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "dqm"."dqm_host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dqm"."dqm_stream_delivery" ADD CONSTRAINT "dqm_stream_delivery_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "dqm"."dqm_host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dqm"."dqm_control_audit" ADD CONSTRAINT "dqm_control_audit_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "dqm"."dqm_host"("id") ON DELETE SET NULL ON UPDATE CASCADE;
