-- AlterTable
ALTER TABLE "alerts"."dia_object" ADD COLUMN     "first_detection_mjd" DOUBLE PRECISION,
ADD COLUMN     "hostgal2_dec" REAL,
ADD COLUMN     "hostgal2_ellipticity" REAL,
ADD COLUMN     "hostgal2_mag_g" REAL,
ADD COLUMN     "hostgal2_mag_i" REAL,
ADD COLUMN     "hostgal2_mag_r" REAL,
ADD COLUMN     "hostgal2_mag_u" REAL,
ADD COLUMN     "hostgal2_mag_y" REAL,
ADD COLUMN     "hostgal2_mag_z" REAL,
ADD COLUMN     "hostgal2_magerr_g" REAL,
ADD COLUMN     "hostgal2_magerr_i" REAL,
ADD COLUMN     "hostgal2_magerr_r" REAL,
ADD COLUMN     "hostgal2_magerr_u" REAL,
ADD COLUMN     "hostgal2_magerr_y" REAL,
ADD COLUMN     "hostgal2_magerr_z" REAL,
ADD COLUMN     "hostgal2_ra" REAL,
ADD COLUMN     "hostgal2_snsep" REAL,
ADD COLUMN     "hostgal2_sqradius" REAL,
ADD COLUMN     "hostgal2_zphot" REAL,
ADD COLUMN     "hostgal2_zphot_err" REAL,
ADD COLUMN     "hostgal2_zphot_q000" REAL,
ADD COLUMN     "hostgal2_zphot_q010" REAL,
ADD COLUMN     "hostgal2_zphot_q020" REAL,
ADD COLUMN     "hostgal2_zphot_q030" REAL,
ADD COLUMN     "hostgal2_zphot_q040" REAL,
ADD COLUMN     "hostgal2_zphot_q050" REAL,
ADD COLUMN     "hostgal2_zphot_q060" REAL,
ADD COLUMN     "hostgal2_zphot_q070" REAL,
ADD COLUMN     "hostgal2_zphot_q080" REAL,
ADD COLUMN     "hostgal2_zphot_q090" REAL,
ADD COLUMN     "hostgal2_zphot_q100" REAL,
ADD COLUMN     "hostgal2_zspec" REAL,
ADD COLUMN     "hostgal2_zspec_err" REAL,
ADD COLUMN     "hostgal_dec" REAL,
ADD COLUMN     "hostgal_ellipticity" REAL,
ADD COLUMN     "hostgal_mag_g" REAL,
ADD COLUMN     "hostgal_mag_i" REAL,
ADD COLUMN     "hostgal_mag_r" REAL,
ADD COLUMN     "hostgal_mag_u" REAL,
ADD COLUMN     "hostgal_mag_y" REAL,
ADD COLUMN     "hostgal_mag_z" REAL,
ADD COLUMN     "hostgal_magerr_g" REAL,
ADD COLUMN     "hostgal_magerr_i" REAL,
ADD COLUMN     "hostgal_magerr_r" REAL,
ADD COLUMN     "hostgal_magerr_u" REAL,
ADD COLUMN     "hostgal_magerr_y" REAL,
ADD COLUMN     "hostgal_magerr_z" REAL,
ADD COLUMN     "hostgal_ra" REAL,
ADD COLUMN     "hostgal_snsep" REAL,
ADD COLUMN     "hostgal_sqradius" REAL,
ADD COLUMN     "hostgal_zphot" REAL,
ADD COLUMN     "hostgal_zphot_err" REAL,
ADD COLUMN     "hostgal_zphot_q000" REAL,
ADD COLUMN     "hostgal_zphot_q010" REAL,
ADD COLUMN     "hostgal_zphot_q020" REAL,
ADD COLUMN     "hostgal_zphot_q030" REAL,
ADD COLUMN     "hostgal_zphot_q040" REAL,
ADD COLUMN     "hostgal_zphot_q050" REAL,
ADD COLUMN     "hostgal_zphot_q060" REAL,
ADD COLUMN     "hostgal_zphot_q070" REAL,
ADD COLUMN     "hostgal_zphot_q080" REAL,
ADD COLUMN     "hostgal_zphot_q090" REAL,
ADD COLUMN     "hostgal_zphot_q100" REAL,
ADD COLUMN     "hostgal_zspec" REAL,
ADD COLUMN     "hostgal_zspec_err" REAL,
ADD COLUMN     "last_detection_mjd" DOUBLE PRECISION,
ADD COLUMN     "mwebv_err" REAL,
ADD COLUMN     "n_detections" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sim_version" TEXT,
ADD COLUMN     "z_final" REAL,
ADD COLUMN     "z_final_err" REAL;

-- CreateTable
CREATE TABLE "alerts"."dia_source" (
    "dia_source_id" BIGINT NOT NULL,
    "dia_object_id" BIGINT NOT NULL,
    "mid_point_tai" DOUBLE PRECISION NOT NULL,
    "filter_name" TEXT NOT NULL,
    "ra" DOUBLE PRECISION NOT NULL,
    "decl" DOUBLE PRECISION NOT NULL,
    "ps_flux" REAL NOT NULL,
    "ps_flux_err" REAL NOT NULL,
    "snr" REAL NOT NULL,

    CONSTRAINT "dia_source_pkey" PRIMARY KEY ("dia_source_id")
);

-- CreateTable
CREATE TABLE "alerts"."dia_forced_source" (
    "dia_forced_source_id" BIGINT NOT NULL,
    "dia_object_id" BIGINT NOT NULL,
    "mid_point_tai" DOUBLE PRECISION NOT NULL,
    "filter_name" TEXT NOT NULL,
    "ps_flux" REAL NOT NULL,
    "ps_flux_err" REAL NOT NULL,

    CONSTRAINT "dia_forced_source_pkey" PRIMARY KEY ("dia_forced_source_id")
);

-- CreateTable
CREATE TABLE "alerts"."alert" (
    "alert_id" BIGINT NOT NULL,
    "dia_source_id" BIGINT NOT NULL,
    "dia_object_id" BIGINT NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("alert_id")
);

-- CreateTable
CREATE TABLE "alerts"."dia_object_truth" (
    "dia_object_id" BIGINT NOT NULL,
    "libid" INTEGER,
    "sim_searcheff_mask" INTEGER,
    "gentype" INTEGER NOT NULL,
    "sim_template_index" INTEGER,
    "zcmb" REAL,
    "zhelio" REAL,
    "zcmb_smear" REAL,
    "ra" DOUBLE PRECISION,
    "dec" DOUBLE PRECISION,
    "mwebv" REAL,
    "galid" BIGINT,
    "galzphot" REAL,
    "galzphoterr" REAL,
    "galsnsep" REAL,
    "galsnddlr" REAL,
    "rv" REAL,
    "av" REAL,
    "mu" REAL,
    "lensdmu" REAL,
    "peakmjd" REAL,
    "mjd_detect_first" DOUBLE PRECISION,
    "mjd_detect_last" DOUBLE PRECISION,
    "dtseason_peak" REAL,
    "peakmag_u" REAL,
    "peakmag_g" REAL,
    "peakmag_r" REAL,
    "peakmag_i" REAL,
    "peakmag_z" REAL,
    "peakmag_y" REAL,
    "snrmax" REAL,
    "snrmax2" REAL,
    "snrmax3" REAL,
    "nobs" INTEGER,
    "nobs_saturate" INTEGER,

    CONSTRAINT "dia_object_truth_pkey" PRIMARY KEY ("dia_object_id")
);

-- CreateTable
CREATE TABLE "alerts"."dia_source_truth" (
    "dia_source_id" BIGINT NOT NULL,
    "dia_object_id" BIGINT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "detect" BOOLEAN NOT NULL,
    "gentype" INTEGER NOT NULL,
    "genmag" REAL,

    CONSTRAINT "dia_source_truth_pkey" PRIMARY KEY ("dia_source_id")
);

-- CreateTable
CREATE TABLE "alerts"."broker_classifier" (
    "id" BIGSERIAL NOT NULL,
    "broker_name" TEXT NOT NULL,
    "broker_version" TEXT NOT NULL,
    "classifier_name" TEXT NOT NULL,
    "classifier_params" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "broker_classifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts"."broker_message" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" BIGINT NOT NULL,
    "dia_source_id" BIGINT NOT NULL,
    "dia_object_id" BIGINT,
    "classifier_id" BIGINT NOT NULL,
    "class_ids" SMALLINT[],
    "probabilities" REAL[],
    "elasticc_publish_timestamp" TIMESTAMPTZ(3) NOT NULL,
    "broker_ingest_timestamp" TIMESTAMPTZ(3),
    "broker_publish_timestamp" TIMESTAMPTZ(3),
    "desc_ingest_timestamp" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "broker_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts"."object_classification" (
    "dia_object_id" BIGINT NOT NULL,
    "classifier_id" BIGINT NOT NULL,
    "broker_message_id" BIGINT NOT NULL,
    "alert_id" BIGINT NOT NULL,
    "class_ids" SMALLINT[],
    "probabilities" REAL[],
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "object_classification_pkey" PRIMARY KEY ("dia_object_id","classifier_id")
);

-- CreateTable
CREATE TABLE "alerts"."spectrum_wanted" (
    "id" BIGSERIAL NOT NULL,
    "dia_object_id" BIGINT NOT NULL,
    "requester" TEXT NOT NULL,
    "priority" SMALLINT NOT NULL,
    "wanted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spectrum_wanted_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts"."spectrum_planned" (
    "id" BIGSERIAL NOT NULL,
    "dia_object_id" BIGINT NOT NULL,
    "facility" TEXT NOT NULL,
    "planned_for" TIMESTAMPTZ(3),
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spectrum_planned_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts"."spectrum_reported" (
    "id" BIGSERIAL NOT NULL,
    "dia_object_id" BIGINT NOT NULL,
    "facility" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "z" REAL,
    "class_id" SMALLINT NOT NULL,
    "reported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spectrum_reported_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts"."alert_quarantine" (
    "id" BIGSERIAL NOT NULL,
    "digest" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "position" INTEGER,
    "alert_id" BIGINT,
    "reason" TEXT NOT NULL,
    "record" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_quarantine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dia_source_dia_object_id_mid_point_tai_idx" ON "alerts"."dia_source"("dia_object_id", "mid_point_tai");

-- CreateIndex
CREATE INDEX "dia_source_mid_point_tai_idx" ON "alerts"."dia_source"("mid_point_tai");

-- CreateIndex
CREATE INDEX "dia_forced_source_dia_object_id_mid_point_tai_idx" ON "alerts"."dia_forced_source"("dia_object_id", "mid_point_tai");

-- CreateIndex
CREATE INDEX "alert_dia_source_id_idx" ON "alerts"."alert"("dia_source_id");

-- CreateIndex
CREATE INDEX "alert_dia_object_id_idx" ON "alerts"."alert"("dia_object_id");

-- CreateIndex
CREATE INDEX "dia_object_truth_gentype_idx" ON "alerts"."dia_object_truth"("gentype");

-- CreateIndex
CREATE INDEX "dia_source_truth_dia_object_id_idx" ON "alerts"."dia_source_truth"("dia_object_id");

-- CreateIndex
CREATE UNIQUE INDEX "broker_classifier_broker_name_broker_version_classifier_nam_key" ON "alerts"."broker_classifier"("broker_name", "broker_version", "classifier_name", "classifier_params");

-- CreateIndex
CREATE INDEX "broker_message_dia_object_id_idx" ON "alerts"."broker_message"("dia_object_id");

-- CreateIndex
CREATE INDEX "broker_message_classifier_id_desc_ingest_timestamp_idx" ON "alerts"."broker_message"("classifier_id", "desc_ingest_timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "broker_message_alert_id_classifier_id_class_ids_key" ON "alerts"."broker_message"("alert_id", "classifier_id", "class_ids");

-- CreateIndex
CREATE INDEX "object_classification_classifier_id_idx" ON "alerts"."object_classification"("classifier_id");

-- CreateIndex
CREATE INDEX "spectrum_wanted_wanted_at_idx" ON "alerts"."spectrum_wanted"("wanted_at");

-- CreateIndex
CREATE UNIQUE INDEX "spectrum_wanted_dia_object_id_requester_key" ON "alerts"."spectrum_wanted"("dia_object_id", "requester");

-- CreateIndex
CREATE UNIQUE INDEX "spectrum_planned_dia_object_id_facility_key" ON "alerts"."spectrum_planned"("dia_object_id", "facility");

-- CreateIndex
CREATE INDEX "spectrum_reported_dia_object_id_idx" ON "alerts"."spectrum_reported"("dia_object_id");

-- CreateIndex
CREATE INDEX "spectrum_reported_reported_at_idx" ON "alerts"."spectrum_reported"("reported_at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_quarantine_digest_key" ON "alerts"."alert_quarantine"("digest");

-- CreateIndex
CREATE INDEX "dia_object_n_detections_idx" ON "alerts"."dia_object"("n_detections");

-- CreateIndex
CREATE INDEX "dia_object_first_detection_mjd_idx" ON "alerts"."dia_object"("first_detection_mjd");

-- CreateIndex
CREATE INDEX "dia_object_last_detection_mjd_idx" ON "alerts"."dia_object"("last_detection_mjd");

