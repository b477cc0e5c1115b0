-- Read-only SQL on the alerts schema (sqlQuery, submitSqlQuery, POST /db/runsqlquery/).
--
-- opshub_alerts_reader: a NOLOGIN role the app's connection switches to (SET LOCAL ROLE) inside a
-- READ ONLY transaction. It may read the science tables of the alerts schema and nothing else: no
-- USAGE on ops, workflow, dcs or dqm (so `ops."user"` is "permission denied for schema ops").
-- Roles are cluster-wide and many databases of one cluster run this migration (tests, a hub next
-- to a test run), so it is created only when missing; the grants below are per database.
-- Where the migrating user may not create roles (docker: opshub_owner is NOCREATEROLE), the database's
-- init script creates it and grants it to the app's user (docker/postgres/init/10-opshub-roles.sh).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'opshub_alerts_reader') THEN
    CREATE ROLE opshub_alerts_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'opshub_alerts_reader does not exist and % may not create it: create it as a superuser (docker/postgres/init/10-opshub-roles.sh) and migrate again', CURRENT_USER;
END
$$;

-- The app's user must be able to SET ROLE to it: granted here when the migrating user is the app's
-- and may grant it (a superuser, as in tests and `npm run up`); otherwise the init script does.
DO $$
BEGIN
  IF NOT pg_catalog.pg_has_role(CURRENT_USER, 'opshub_alerts_reader', 'MEMBER') THEN
    EXECUTE format('GRANT opshub_alerts_reader TO %I', CURRENT_USER);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'opshub_alerts_reader not granted to %: the database init script grants it to the app''s user', CURRENT_USER;
END
$$;

GRANT USAGE ON SCHEMA "alerts" TO opshub_alerts_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA "alerts" TO opshub_alerts_reader;
-- Tables added to alerts later (by this user's migrations) are readable too: the alerts schema holds
-- science data. A table that holds something else (credentials, another user's data, raw input of
-- unknown origin) revokes SELECT from opshub_alerts_reader in its own migration, as below.
ALTER DEFAULT PRIVILEGES IN SCHEMA "alerts" GRANT SELECT ON TABLES TO opshub_alerts_reader;

-- Not readable: the quarantine holds raw input as it arrived (a file's name or an alert source's URL,
-- which may carry a token, and records that failed validation), and sql_run holds every user's
-- queries and errors; sequences are not readable either (no nextval in a read-only transaction anyway).
REVOKE ALL ON "alerts"."alert_quarantine" FROM opshub_alerts_reader;
-- Nor the domain's internals: the outbox (events on their way to Redis) and the broker endpoints
-- the workers pull (URLs and their errors). Guarded: they come with the broker migration.
DO $$
BEGIN
  IF to_regclass('alerts.outbox') IS NOT NULL THEN
    REVOKE ALL ON "alerts"."outbox" FROM opshub_alerts_reader;
  END IF;
  IF to_regclass('alerts.broker_source') IS NOT NULL THEN
    REVOKE ALL ON "alerts"."broker_source" FROM opshub_alerts_reader;
  END IF;
END
$$;

-- CreateEnum
CREATE TYPE "alerts"."SqlRunState" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "alerts"."sql_run" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "state" "alerts"."SqlRunState" NOT NULL DEFAULT 'QUEUED',
    "query" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "row_count" BIGINT,
    "error" TEXT,
    "error_code" TEXT,

    CONSTRAINT "sql_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sql_run_user_id_id_idx" ON "alerts"."sql_run"("user_id", "id");

REVOKE ALL ON "alerts"."sql_run" FROM opshub_alerts_reader;
