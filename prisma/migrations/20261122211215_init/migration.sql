-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "alerts";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "dcs";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "dqm";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "ops";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "workflow";

-- CreateEnum
CREATE TYPE "dcs"."DeviceKind" AS ENUM ('CHILLER', 'POWER_SUPPLY_CHANNEL', 'SENSOR');

-- CreateEnum
CREATE TYPE "ops"."Role" AS ENUM ('VIEWER', 'OPERATOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "workflow"."OusState" AS ENUM ('FullyObserved', 'ReadyForProcessing', 'Processing', 'ProcessingProblem', 'ReadyForReview', 'Reviewing', 'Verified', 'DeliveryInProgress', 'Delivered', 'QA3InProgress');

-- CreateEnum
CREATE TYPE "workflow"."Executive" AS ENUM ('EA', 'EU', 'NA', 'JAO');

-- CreateTable
CREATE TABLE "alerts"."dia_object" (
    "dia_object_id" BIGINT NOT NULL,
    "ra" DOUBLE PRECISION NOT NULL,
    "decl" DOUBLE PRECISION NOT NULL,
    "mwebv" DOUBLE PRECISION,
    "isddf" BOOLEAN NOT NULL DEFAULT false,
    "zone" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dia_object_pkey" PRIMARY KEY ("dia_object_id")
);

-- CreateTable
CREATE TABLE "dcs"."device" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "dcs"."DeviceKind" NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'DISCONNECTED',
    "online" BOOLEAN NOT NULL DEFAULT false,
    "last_seen_at" TIMESTAMPTZ(3),
    "config" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dqm"."dqm_run" (
    "camera" TEXT NOT NULL,
    "run_number" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dqm_run_pkey" PRIMARY KEY ("camera","run_number")
);

-- CreateTable
CREATE TABLE "ops"."user" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "roles" "ops"."Role"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ops"."session" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ops"."api_token" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ops"."audit_entry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "kind" TEXT NOT NULL,
    "target" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "request_id" TEXT,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ops"."failed_job" (
    "id" BIGSERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "stack" TEXT,
    "attempts_made" INTEGER NOT NULL,
    "failed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "failed_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."obs_unit_set" (
    "id" TEXT NOT NULL,
    "program_id" TEXT NOT NULL,
    "state" "workflow"."OusState" NOT NULL,
    "substate" TEXT,
    "executive" "workflow"."Executive",
    "recipe" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "obs_unit_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."ous_transition" (
    "id" BIGSERIAL NOT NULL,
    "ous_id" TEXT NOT NULL,
    "from" "workflow"."OusState",
    "to" "workflow"."OusState" NOT NULL,
    "substate" TEXT,
    "actor_id" UUID,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ous_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow"."outbox" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dia_object_zone_ra_idx" ON "alerts"."dia_object"("zone", "ra");

-- CreateIndex
CREATE INDEX "device_kind_idx" ON "dcs"."device"("kind");

-- CreateIndex
CREATE INDEX "dqm_run_started_at_idx" ON "dqm"."dqm_run"("started_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "user_username_key" ON "ops"."user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "ops"."session"("token_hash");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "ops"."session"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "ops"."api_token"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_user_id_name_key" ON "ops"."api_token"("user_id", "name");

-- CreateIndex
CREATE INDEX "audit_entry_at_idx" ON "ops"."audit_entry"("at" DESC);

-- CreateIndex
CREATE INDEX "audit_entry_actor_id_at_idx" ON "ops"."audit_entry"("actor_id", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_entry_kind_at_idx" ON "ops"."audit_entry"("kind", "at" DESC);

-- CreateIndex
CREATE INDEX "failed_job_queue_failed_at_idx" ON "ops"."failed_job"("queue", "failed_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "failed_job_queue_job_id_failed_at_key" ON "ops"."failed_job"("queue", "job_id", "failed_at");

-- CreateIndex
CREATE INDEX "obs_unit_set_state_updated_at_idx" ON "workflow"."obs_unit_set"("state", "updated_at" DESC);

-- CreateIndex
CREATE INDEX "obs_unit_set_program_id_idx" ON "workflow"."obs_unit_set"("program_id");

-- CreateIndex
CREATE INDEX "ous_transition_ous_id_id_idx" ON "workflow"."ous_transition"("ous_id", "id");

-- CreateIndex
CREATE INDEX "outbox_published_at_id_idx" ON "workflow"."outbox"("published_at", "id");

-- AddForeignKey
ALTER TABLE "ops"."session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "ops"."user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ops"."api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "ops"."user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow"."ous_transition" ADD CONSTRAINT "ous_transition_ous_id_fkey" FOREIGN KEY ("ous_id") REFERENCES "workflow"."obs_unit_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;
