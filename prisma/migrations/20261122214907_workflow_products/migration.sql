-- CreateEnum
CREATE TYPE "workflow"."ProductKind" AS ENUM ('data', 'weblog', 'report');

-- AlterTable
ALTER TABLE "workflow"."ous_transition" ADD COLUMN     "system_actor" TEXT;

-- CreateTable
CREATE TABLE "workflow"."pipeline_run" (
    "id" BIGSERIAL NOT NULL,
    "ous_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "executive" "workflow"."Executive" NOT NULL,
    "queue" TEXT NOT NULL,
    "job_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "exit_code" INTEGER,

    CONSTRAINT "pipeline_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."pipeline_report" (
    "id" BIGSERIAL NOT NULL,
    "ous_id" TEXT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "run" INTEGER NOT NULL,
    "proposal_code" TEXT NOT NULL,
    "ous_status_entity_id" TEXT NOT NULL,
    "report_date" TIMESTAMPTZ(3) NOT NULL,
    "processing_time" DOUBLE PRECISION NOT NULL,
    "casa_version" TEXT NOT NULL,
    "pipeline_version" TEXT NOT NULL,
    "final_score" DOUBLE PRECISION NOT NULL,
    "dataset_score" DOUBLE PRECISION,
    "flagging_score" DOUBLE PRECISION,
    "calibration_score" DOUBLE PRECISION,
    "imaging_score" DOUBLE PRECISION,
    "xml_path" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pipeline_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."product" (
    "id" BIGSERIAL NOT NULL,
    "ous_id" TEXT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "run" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "kind" "workflow"."ProductKind" NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "site" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "replica_path" TEXT,
    "replicated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."archive_document" (
    "id" BIGSERIAL NOT NULL,
    "file_id" TEXT NOT NULL,
    "ous_id" TEXT NOT NULL,
    "product_id" BIGINT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "archive_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."product_metadata" (
    "id" BIGSERIAL NOT NULL,
    "document_id" BIGINT NOT NULL,
    "file" TEXT NOT NULL,
    "program_id" TEXT NOT NULL,
    "ous_id" TEXT NOT NULL,

    CONSTRAINT "product_metadata_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."delivery_status" (
    "ous_id" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "products" TEXT[],
    "product_count" INTEGER NOT NULL,
    "archived_count" INTEGER NOT NULL DEFAULT 0,
    "problem" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_status_pkey" PRIMARY KEY ("ous_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pipeline_run_ous_id_attempt_key" ON "workflow"."pipeline_run"("ous_id", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "pipeline_report_run_id_key" ON "workflow"."pipeline_report"("run_id");

-- CreateIndex
CREATE INDEX "pipeline_report_ous_id_run_idx" ON "workflow"."pipeline_report"("ous_id", "run");

-- CreateIndex
CREATE INDEX "product_ous_id_run_idx" ON "workflow"."product"("ous_id", "run");

-- CreateIndex
CREATE UNIQUE INDEX "product_run_id_file_name_key" ON "workflow"."product"("run_id", "file_name");

-- CreateIndex
CREATE UNIQUE INDEX "archive_document_file_id_key" ON "workflow"."archive_document"("file_id");

-- CreateIndex
CREATE UNIQUE INDEX "archive_document_product_id_key" ON "workflow"."archive_document"("product_id");

-- CreateIndex
CREATE INDEX "archive_document_ous_id_idx" ON "workflow"."archive_document"("ous_id");

-- CreateIndex
CREATE INDEX "product_metadata_ous_id_idx" ON "workflow"."product_metadata"("ous_id");

-- CreateIndex
CREATE UNIQUE INDEX "product_metadata_document_id_file_key" ON "workflow"."product_metadata"("document_id", "file");

-- AddForeignKey
ALTER TABLE "workflow"."pipeline_run" ADD CONSTRAINT "pipeline_run_ous_id_fkey" FOREIGN KEY ("ous_id") REFERENCES "workflow"."obs_unit_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."pipeline_report" ADD CONSTRAINT "pipeline_report_ous_id_fkey" FOREIGN KEY ("ous_id") REFERENCES "workflow"."obs_unit_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."pipeline_report" ADD CONSTRAINT "pipeline_report_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "workflow"."pipeline_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."product" ADD CONSTRAINT "product_ous_id_fkey" FOREIGN KEY ("ous_id") REFERENCES "workflow"."obs_unit_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."product" ADD CONSTRAINT "product_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "workflow"."pipeline_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."archive_document" ADD CONSTRAINT "archive_document_ous_id_fkey" FOREIGN KEY ("ous_id") REFERENCES "workflow"."obs_unit_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."archive_document" ADD CONSTRAINT "archive_document_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "workflow"."product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."product_metadata" ADD CONSTRAINT "product_metadata_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "workflow"."archive_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."delivery_status" ADD CONSTRAINT "delivery_status_ous_id_fkey" FOREIGN KEY ("ous_id") REFERENCES "workflow"."obs_unit_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;
