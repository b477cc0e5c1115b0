-- DqmRun.bad_pixels is written by the ingest with the run (badPixelCount, the same count it sends in the
-- run's event), in the transaction that stores its quantities. The trigger that counted it a second time
-- in SQL, and its helper, go; the values already stored stay.
DROP TRIGGER IF EXISTS "quantity_bad_pixels" ON "dqm"."quantity";
DROP FUNCTION IF EXISTS "dqm"."quantity_bad_pixels"();
DROP FUNCTION IF EXISTS "dqm"."nonzero_count"(TEXT, BYTEA);
