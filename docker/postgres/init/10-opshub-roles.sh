#!/bin/sh
# Database roles of opshub (issue 7, M8): nothing of opshub runs as the cluster superuser.
#   opshub_owner  owns the database and the opshub schemas; `migrate` applies the migrations as it.
#   opshub_app    what the processes connect as: CONNECT, USAGE on the opshub schemas, SELECT/INSERT/
#                 UPDATE/DELETE on their tables, USAGE/SELECT/UPDATE on their sequences, now and for
#                 every table a later migration adds (default privileges). No DDL, no TRUNCATE, no
#                 TEMP: the code creates nothing at run time (COPY … FROM STDIN needs INSERT only).
# Both are NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS.
#
# The postgres image runs it once, as the superuser, when it initialises an empty data volume. It is
# idempotent: run it again to change the two passwords, after a migration that adds a schema (add it
# to OPSHUB_SCHEMAS), or to adopt a database an older stack made as superuser `opshub` (it gives the
# schemas, tables, sequences and types to opshub_owner), see docker/README.md:
#   docker-compose -f docker/compose.yml exec -T postgres sh /docker-entrypoint-initdb.d/10-opshub-roles.sh
# Passwords come from the environment (\getenv), never from a command line.
set -eu
: "${OPSHUB_DB_OWNER_PASSWORD:?set OPSHUB_DB_OWNER_PASSWORD (docker/generate-secrets.sh)}"
: "${OPSHUB_DB_APP_PASSWORD:?set OPSHUB_DB_APP_PASSWORD (docker/generate-secrets.sh)}"
export OPSHUB_DB_OWNER="${OPSHUB_DB_OWNER:-opshub_owner}"
export OPSHUB_DB_APP="${OPSHUB_DB_APP:-opshub_app}"
export OPSHUB_SCHEMAS="${OPSHUB_SCHEMAS:-ops,alerts,workflow,dcs,dqm}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet \
  --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-opshub}" <<'SQL'
\getenv owner OPSHUB_DB_OWNER
\getenv app OPSHUB_DB_APP
\getenv owner_password OPSHUB_DB_OWNER_PASSWORD
\getenv app_password OPSHUB_DB_APP_PASSWORD
\getenv schemas OPSHUB_SCHEMAS
-- Statements carrying a password must not reach the server log, whatever log_statement says.
SET log_statement = 'none';
SET log_min_error_statement = 'panic';
SET client_min_messages = 'warning';
BEGIN;

SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY[:'owner', :'app']) AS r
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'owner_password';
ALTER ROLE :"app" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
  PASSWORD :'app_password';

-- Read-only SQL on alerts: the NOLOGIN role the app switches to (SET LOCAL ROLE) for users' queries;
-- its grants (SELECT on alerts' science tables only) come with migration 20261202192000_alerts_sql_reader.
SELECT 'CREATE ROLE opshub_alerts_reader NOLOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opshub_alerts_reader') \gexec
ALTER ROLE opshub_alerts_reader WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
GRANT opshub_alerts_reader TO :"app";

-- The database: the owner may create schemas (and Prisma's _prisma_migrations in public); the app may
-- only connect (PUBLIC loses its default CONNECT and TEMP).
SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), :'app') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app') \gexec

-- The schemas, owned by the owner (the migrations' CREATE SCHEMA IF NOT EXISTS then finds them).
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', s, :'owner')
  FROM unnest(string_to_array(:'schemas', ',')) AS s \gexec
SELECT format('ALTER SCHEMA %I OWNER TO %I', s, :'owner')
  FROM unnest(string_to_array(:'schemas', ',')) AS s \gexec

-- Adopt what an older stack created as another role (tables carry their sequences along).
SELECT format('ALTER TABLE %I.%I OWNER TO %I', c.relnamespace::regnamespace, c.relname, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY (string_to_array(:'schemas', ',')) AND c.relkind IN ('r', 'p', 'v', 'm')
   AND pg_get_userbyid(c.relowner) <> :'owner' \gexec
SELECT format('ALTER SEQUENCE %I.%I OWNER TO %I', n.nspname, c.relname, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY (string_to_array(:'schemas', ',')) AND c.relkind = 'S'
   AND pg_get_userbyid(c.relowner) <> :'owner'
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) \gexec
SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, :'owner')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = ANY (string_to_array(:'schemas', ',')) AND t.typtype IN ('e', 'd', 'c')
   AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
   AND pg_get_userbyid(t.typowner) <> :'owner' \gexec
SELECT format('ALTER TABLE public._prisma_migrations OWNER TO %I', :'owner')
 WHERE to_regclass('public._prisma_migrations') IS NOT NULL \gexec

-- The app: data in, data out; nothing on _prisma_migrations, no DDL.
SELECT format('GRANT USAGE ON SCHEMA %1$I TO %2$I;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1$I TO %2$I;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %1$I TO %2$I;
  ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA %1$I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %2$I;
  ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA %1$I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %2$I',
  s, :'app', :'owner')
  FROM unnest(string_to_array(:'schemas', ',')) AS s \gexec
COMMIT;
SQL
echo "opshub roles ready: $OPSHUB_DB_OWNER owns schemas $OPSHUB_SCHEMAS, $OPSHUB_DB_APP has DML on them"
