-- CreateEnum
CREATE TYPE "dcs"."CommandStatus" AS ENUM ('PENDING', 'DONE', 'REFUSED', 'FAILED', 'EXPIRED');

-- AlterTable
ALTER TABLE "dcs"."command" ADD COLUMN     "not_after" TIMESTAMPTZ(3),
ADD COLUMN     "status" "dcs"."CommandStatus" NOT NULL DEFAULT 'PENDING';

-- AlterTable
ALTER TABLE "dcs"."dead_letter" ADD COLUMN     "payload_bytes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "payload_sha256" TEXT;

-- AlterTable
ALTER TABLE "ops"."api_token" ADD COLUMN     "expires_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "dcs"."mqtt_receipt" (
    "client_id" TEXT NOT NULL,
    "packet_id" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mqtt_receipt_pkey" PRIMARY KEY ("client_id","packet_id")
);

-- CreateIndex
CREATE INDEX "dead_letter_received_at_idx" ON "dcs"."dead_letter"("received_at");

-- CreateIndex
CREATE INDEX "failed_job_failed_at_idx" ON "ops"."failed_job"("failed_at");

-- CreateIndex
CREATE INDEX "session_expires_at_idx" ON "ops"."session"("expires_at");


-- Backfill: the status of commands recorded before it existed, from their result text.
UPDATE "dcs"."command" SET "status" = CASE
  WHEN "result" = 'refused' THEN 'REFUSED'::"dcs"."CommandStatus"
  WHEN "result" = 'pending' THEN 'PENDING'::"dcs"."CommandStatus"
  WHEN "accepted" THEN 'DONE'::"dcs"."CommandStatus"
  ELSE 'FAILED'::"dcs"."CommandStatus"
END;
