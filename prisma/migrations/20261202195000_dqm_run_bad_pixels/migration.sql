-- NectarCAM runs: bad_pixels, the number of pixels flagged bad in at least one physics event at high gain
-- (the non-zero values of the run's CAMERA-BADPIX-PHY-OVEREVENTS quantity, gain HIGH); null when the run
-- has no such quantity. Kept by a trigger on the quantity rows, so the ingest's one transaction stores it
-- with the run, and backfilled here from the quantities already stored.

-- AlterTable
ALTER TABLE "dqm"."dqm_run" ADD COLUMN "bad_pixels" INTEGER;

-- The non-zero elements of a quantity's little-endian array (dtype as the ingest writes it); a float's
-- sign bit is ignored so that -0.0 counts as zero. Null for text quantities and unknown dtypes.
CREATE FUNCTION "dqm"."nonzero_count"(dtype TEXT, v BYTEA) RETURNS INTEGER
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN w IS NULL THEN NULL ELSE (
    SELECT count(*)::int
    FROM generate_series(0, length(v) / w - 1) AS i
    WHERE substring(v FROM i * w + 1 FOR w - 1) <> decode(repeat('00', w - 1), 'hex')
       OR (get_byte(v, i * w + w - 1) & CASE WHEN dtype IN ('f32', 'f64') THEN 127 ELSE 255 END) <> 0
  ) END
  FROM (SELECT CASE dtype
    WHEN 'f64' THEN 8 WHEN 'i64' THEN 8 WHEN 'u64' THEN 8
    WHEN 'f32' THEN 4 WHEN 'i32' THEN 4 WHEN 'u32' THEN 4
    WHEN 'i16' THEN 2 WHEN 'u16' THEN 2
    WHEN 'i8' THEN 1 WHEN 'u8' THEN 1 WHEN 'bool' THEN 1
  END AS w) AS width
$$;

CREATE FUNCTION "dqm"."quantity_bad_pixels"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "dqm"."dqm_run"
     SET "bad_pixels" = "dqm"."nonzero_count"(NEW."dtype", NEW."values")
   WHERE "camera" = NEW."camera" AND "run_number" = NEW."run_number";
  RETURN NULL;
END
$$;

CREATE TRIGGER "quantity_bad_pixels"
AFTER INSERT OR UPDATE ON "dqm"."quantity"
FOR EACH ROW
WHEN (NEW."key" = 'CAMERA-BADPIX-PHY-OVEREVENTS' AND NEW."gain" = 'HIGH' AND NEW."field" = '')
EXECUTE FUNCTION "dqm"."quantity_bad_pixels"();

-- Backfill
UPDATE "dqm"."dqm_run" r
   SET "bad_pixels" = "dqm"."nonzero_count"(q."dtype", q."values")
  FROM "dqm"."quantity" q
 WHERE q."camera" = r."camera" AND q."run_number" = r."run_number"
   AND q."key" = 'CAMERA-BADPIX-PHY-OVEREVENTS' AND q."gain" = 'HIGH' AND q."field" = '';
