-- NectarCAM DQM: sources, pulled runs with their file, quantities as compact arrays, quarantine, camera geometry, dqm outbox.
-- AlterTable
ALTER TABLE "dqm"."dqm_run" ADD COLUMN     "etag" TEXT,
ADD COLUMN     "file_name" TEXT,
ADD COLUMN     "ingested_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_modified" TEXT,
ADD COLUMN     "sha256" TEXT,
ADD COLUMN     "size_bytes" BIGINT,
ADD COLUMN     "source_id" UUID;

-- CreateTable
CREATE TABLE "dqm"."nectarcam_source" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_listed_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nectarcam_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dqm"."quantity" (
    "id" BIGSERIAL NOT NULL,
    "camera" TEXT NOT NULL,
    "run_number" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "gain" TEXT,
    "field" TEXT NOT NULL DEFAULT '',
    "unit" TEXT,
    "dtype" TEXT NOT NULL,
    "shape" INTEGER[],
    "values" BYTEA NOT NULL,

    CONSTRAINT "quantity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dqm"."quarantine" (
    "id" UUID NOT NULL,
    "source_id" UUID,
    "name" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "sha256" TEXT,
    "etag" TEXT,
    "last_modified" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quarantine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dqm"."camera_geometry" (
    "name" TEXT NOT NULL,
    "pixel_shape" TEXT NOT NULL,
    "pixel_rotation_deg" DOUBLE PRECISION NOT NULL,
    "camera_rotation_deg" DOUBLE PRECISION NOT NULL,
    "pixel_count" INTEGER NOT NULL,
    "pixel_ids" BYTEA NOT NULL,
    "x" BYTEA NOT NULL,
    "y" BYTEA NOT NULL,
    "area" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "camera_geometry_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "dqm"."outbox" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "nectarcam_source_url_key" ON "dqm"."nectarcam_source"("url");

-- CreateIndex
CREATE INDEX "quantity_camera_run_number_key_idx" ON "dqm"."quantity"("camera", "run_number", "key");

-- CreateIndex
CREATE INDEX "quarantine_at_idx" ON "dqm"."quarantine"("at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "quarantine_source_id_name_key" ON "dqm"."quarantine"("source_id", "name");

-- CreateIndex
CREATE INDEX "outbox_published_at_id_idx" ON "dqm"."outbox"("published_at", "id");

-- CreateIndex
CREATE INDEX "dqm_run_source_id_file_name_idx" ON "dqm"."dqm_run"("source_id", "file_name");

-- AddForeignKey
ALTER TABLE "dqm"."dqm_run" ADD CONSTRAINT "dqm_run_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "dqm"."nectarcam_source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dqm"."quantity" ADD CONSTRAINT "quantity_camera_run_number_fkey" FOREIGN KEY ("camera", "run_number") REFERENCES "dqm"."dqm_run"("camera", "run_number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dqm"."quarantine" ADD CONSTRAINT "quarantine_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "dqm"."nectarcam_source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

