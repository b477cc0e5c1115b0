import { BANDS } from '../src/ingest/alert-record.js';

/** Ids beyond 2^53, where a JSON double would lose digits. */
export const OBJECT_ID = 9_007_199_254_740_993n;

const diaObject = (id: bigint) => ({
  diaObjectId: id,
  simVersion: 'ELAsTiCC2-test',
  ra: 359.9999,
  decl: -45.5,
  mwebv: 0.021,
  mwebv_err: 0.002,
  z_final: 0.31,
  z_final_err: 0.01,
  hostgal_zphot: 0.3,
  hostgal_zphot_q050: 0.29,
  hostgal_mag_Y: 21.5,
  hostgal_snsep: 0.8,
  hostgal2_mag_u: 24.25,
});

/**
 * A type Ia-like light curve of one object as its alerts: one detection a night over 40 nights in a
 * rotating band (a rise, a peak at night 15, a decline), every alert carrying the earlier detections
 * and the forced photometry since 30 nights before the first, and the object.
 */
export function lightCurveAlerts(objectId = OBJECT_ID, nights = 40) {
  const t0 = 60_800.1;
  const flux = (n: number) => 5_000 * Math.exp(-((n - 15) ** 2) / 60) + 20;
  const sources = Array.from({ length: nights }, (_, n) => {
    const psFlux = Math.fround(flux(n));
    const psFluxErr = Math.fround(Math.sqrt(psFlux) + 10);
    return {
      diaSourceId: objectId * 100n + BigInt(n),
      diaObjectId: objectId,
      midPointTai: t0 + n,
      filterName: BANDS[n % BANDS.length]!,
      ra: 359.9999,
      decl: -45.5,
      psFlux,
      psFluxErr,
      snr: Math.fround(psFlux / psFluxErr),
    };
  });
  // Forced photometry every night from 30 nights before the first detection, 2 bands a night.
  const forced = Array.from({ length: (30 + nights) * 2 }, (_, k) => {
    const n = Math.floor(k / 2) - 30;
    return {
      diaForcedSourceId: objectId * 1000n + BigInt(k),
      diaObjectId: objectId,
      midPointTai: t0 + n + (k % 2) * 0.02,
      filterName: BANDS[k % BANDS.length]!,
      psFlux: Math.fround(n < 0 ? 3 : flux(n)),
      psFluxErr: Math.fround(12),
    };
  });
  return sources.map((s, n) => ({
    alertId: objectId * 100n + BigInt(n),
    diaSource: s,
    prvDiaSources: sources.slice(0, n),
    prvDiaForcedSources: forced.filter((f) => f.midPointTai < s.midPointTai),
    diaObject: diaObject(objectId),
  }));
}
