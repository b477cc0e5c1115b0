// A simulated survey: a population of objects of the taxonomy's classes, observed night after
// night; each detection becomes an ELAsTiCC v0.9.1 alert (its object with host fields, its earlier
// detections, forced photometry from 30 days before the first detection), and the truth of what
// was simulated is kept beside each batch.
import {
  BANDS,
  CLASS_MODELS,
  distanceModulus,
  fluxOf,
  gaussian,
  observe,
  seeded,
  type Band,
  type ClassModel,
  type LightCurve,
} from './light-curves.js';

/** LSST deep drilling fields (ra, dec in degrees): a third of the objects fall in one of them. */
const DEEP_FIELDS = [
  { ra: 9.45, dec: -44.0 },
  { ra: 35.708, dec: -4.75 },
  { ra: 53.125, dec: -28.1 },
  { ra: 58.9, dec: -49.315 },
  { ra: 150.1, dec: 2.182 },
] as const;

const Q = ['000', '010', '020', '030', '040', '050', '060', '070', '080', '090', '100'] as const;

interface Visit {
  id: bigint;
  mjd: number;
  band: Band;
  psFlux: number;
  psFluxErr: number;
  snr: number;
  detected: boolean;
  trueMag: number;
}

interface SimObject {
  id: bigint;
  model: ClassModel;
  curve: LightCurve;
  z: number;
  ra: number;
  decl: number;
  mwebv: number;
  peakMjd: number;
  endMjd: number;
  diaObject: Record<string, unknown>;
  visits: Visit[];
  firstDetection: number | null;
  truthSent: boolean;
}

/** One alert batch: the alerts and the truth lines (NDJSON) of what they show. */
export interface AlertBatch {
  alerts: Record<string, unknown>[];
  truth: Record<string, unknown>[];
  mjd: number;
}

export interface AlertStreamOptions {
  seed?: number;
  /** Objects alive at once. */
  population?: number;
  /** The survey's first night (MJD). */
  startMjd?: number;
  /** Days the survey advances per batch. */
  daysPerBatch?: number;
  /** The first object id (the demo's are beyond 2^53, so every client must keep them exact). */
  firstObjectId?: bigint;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** The survey; `next()` observes one more step and returns its alerts and truth. */
export class AlertStream {
  private readonly random: () => number;
  private readonly population: number;
  private readonly daysPerBatch: number;
  private mjd: number;
  private nextObjectId: bigint;
  private readonly alive: SimObject[] = [];

  constructor(options: AlertStreamOptions = {}) {
    this.random = seeded(options.seed ?? 20261202);
    this.population = options.population ?? 60;
    this.daysPerBatch = options.daysPerBatch ?? 1;
    this.mjd = options.startMjd ?? 60_800;
    this.nextObjectId = options.firstObjectId ?? 9_007_199_254_740_993n;
    // Objects already at every stage of their lives, so the first batches have alerts.
    for (let i = 0; i < this.population; i++) this.alive.push(this.spawn(this.mjd - this.random() * 60));
  }

  private pick(): ClassModel {
    const total = CLASS_MODELS.reduce((s, m) => s + m.weight, 0);
    let r = this.random() * total;
    for (const m of CLASS_MODELS) if ((r -= m.weight) <= 0) return m;
    return CLASS_MODELS[0]!;
  }

  private spawn(startMjd: number): SimObject {
    const random = this.random;
    const model = this.pick();
    const deep = random() < 1 / 3 ? DEEP_FIELDS[Math.floor(random() * DEEP_FIELDS.length)]! : null;
    let ra: number;
    let decl: number;
    if (deep) {
      const r = 1.75 * Math.sqrt(random());
      const th = 2 * Math.PI * random();
      decl = deep.dec + r * Math.cos(th);
      ra = (deep.ra + (r * Math.sin(th)) / Math.cos((decl * Math.PI) / 180) + 360) % 360;
    } else {
      decl = (Math.asin(-1 + 1.5 * random()) * 180) / Math.PI;
      ra = random() * 360;
    }
    const z = model.extragalactic
      ? round(model.gentype === 50 ? 0.02 + 0.08 * random() : 0.05 + 0.6 * random() ** 1.5, 4)
      : 0;
    const mwebv = round(0.005 + 0.3 * random() ** 4, 4);
    const id = this.nextObjectId;
    this.nextObjectId += 1n + BigInt(Math.floor(random() * 50));
    const peakMjd = startMjd + model.before;
    const diaObject: Record<string, unknown> = {
      diaObjectId: id,
      simVersion: 'opshub-alert-stream-1',
      ra: round(ra, 7),
      decl: round(decl, 7),
      mwebv,
      mwebv_err: round(mwebv * 0.16, 4),
      z_final: null,
      z_final_err: null,
    };
    if (model.extragalactic) {
      // A host galaxy: photo-z near the truth with quantiles, magnitudes, and the offset from it.
      const zphot = Math.max(0.01, z + 0.03 * (1 + z) * gaussian(random));
      const zerr = round(0.02 + 0.05 * z, 4);
      const snsep = round(0.2 + 2 * random(), 3);
      const angle = 2 * Math.PI * random();
      Object.assign(diaObject, {
        hostgal_ellipticity: round(0.6 * random(), 3),
        hostgal_sqradius: round(0.5 + 3 * random(), 3),
        hostgal_zspec: random() < 0.3 ? z : -9,
        hostgal_zspec_err: random() < 0.3 ? 0.001 : -9,
        hostgal_zphot: round(zphot, 4),
        hostgal_zphot_err: zerr,
        hostgal_ra: round((ra + (snsep / 3600) * Math.cos(angle) + 360) % 360, 7),
        hostgal_dec: round(Math.max(-90, Math.min(90, decl + (snsep / 3600) * Math.sin(angle))), 7),
        hostgal_snsep: snsep,
      });
      Q.forEach((q, k) => {
        diaObject[`hostgal_zphot_q${q}`] = round(Math.max(0, zphot + zerr * 2.5 * (k / 10 - 0.5) * 1.6), 4);
      });
      const base = 19 + 5 * Math.log10(1 + 10 * z) + random();
      BANDS.forEach((b, k) => {
        diaObject[`hostgal_mag_${b}`] = round(base + [1.2, 0.6, 0, -0.3, -0.5, -0.6][k]!, 3);
        diaObject[`hostgal_magerr_${b}`] = round(0.02 + 0.02 * k, 3);
      });
    }
    return {
      id,
      model,
      curve: model.make(random, z),
      z,
      ra: diaObject['ra'] as number,
      decl: diaObject['decl'] as number,
      mwebv,
      peakMjd,
      endMjd: peakMjd + model.after,
      diaObject,
      visits: [],
      firstDetection: null,
      truthSent: false,
    };
  }

  /** One step of the survey: every live object visited in one or two bands; detections become alerts. */
  next(): AlertBatch {
    const random = this.random;
    this.mjd += this.daysPerBatch;
    const alerts: Record<string, unknown>[] = [];
    const truth: Record<string, unknown>[] = [];
    for (let i = 0; i < this.alive.length; i++) {
      const o = this.alive[i]!;
      if (this.mjd > o.endMjd || o.visits.length >= 900) {
        this.alive[i] = this.spawn(this.mjd);
        continue;
      }
      if (this.mjd < o.peakMjd - o.model.before || random() < 0.3) continue;
      const bands = random() < 0.5 ? 1 : 2;
      for (let k = 0; k < bands; k++) {
        const band = BANDS[Math.floor(random() * BANDS.length)]!;
        const mjd = round(this.mjd + k * 0.021 + random() * 0.3, 5);
        const trueMag = o.curve.mag(band, mjd - o.peakMjd);
        const template = o.curve.template(band);
        const m = observe(random, band, fluxOf(trueMag), Number.isFinite(template) ? fluxOf(template) : 0);
        const detected = Math.abs(m.snr) >= 5;
        const visit: Visit = {
          id: o.id * 1000n + BigInt(o.visits.length),
          mjd,
          band,
          ...m,
          detected,
          trueMag,
        };
        o.visits.push(visit);
        if (!detected) continue;
        o.firstDetection ??= mjd;
        alerts.push(this.alert(o, visit));
        if (!o.truthSent) {
          truth.push(this.objectTruth(o));
          o.truthSent = true;
        }
        truth.push({
          kind: 'source',
          diaSourceId: visit.id.toString(),
          diaObjectId: o.id.toString(),
          mjd,
          detect: true,
          gentype: o.model.gentype,
          genmag: round(trueMag, 3),
        });
      }
    }
    return { alerts, truth, mjd: this.mjd };
  }

  private source(o: SimObject, v: Visit): Record<string, unknown> {
    return {
      diaSourceId: v.id,
      diaObjectId: o.id,
      midPointTai: v.mjd,
      filterName: v.band,
      ra: round(o.ra + (0.1 / 3600) * gaussian(this.random), 7) % 360,
      decl: round(Math.max(-90, Math.min(90, o.decl + (0.1 / 3600) * gaussian(this.random))), 7),
      psFlux: round(v.psFlux, 3),
      psFluxErr: round(v.psFluxErr, 3),
      snr: round(v.snr, 3),
    };
  }

  private alert(o: SimObject, v: Visit): Record<string, unknown> {
    const since = (o.firstDetection ?? v.mjd) - 30;
    const earlier = o.visits.filter((p) => p.mjd < v.mjd && p.mjd >= v.mjd - 365);
    return {
      alertId: v.id,
      diaSource: this.source(o, v),
      prvDiaSources: earlier.filter((p) => p.detected).map((p) => this.source(o, p)),
      prvDiaForcedSources: earlier
        .filter((p) => p.mjd >= since)
        .map((p) => ({
          diaForcedSourceId: p.id + 500_000n,
          diaObjectId: o.id,
          midPointTai: p.mjd,
          filterName: p.band,
          psFlux: round(p.psFlux, 3),
          psFluxErr: round(p.psFluxErr, 3),
        })),
      diaObject: o.diaObject,
    };
  }

  private objectTruth(o: SimObject): Record<string, unknown> {
    const peak = o.curve.peak;
    return {
      kind: 'object',
      diaObjectId: o.id.toString(),
      gentype: o.model.gentype,
      zcmb: o.z,
      zhelio: o.z,
      ra: o.ra,
      dec: o.decl,
      mwebv: o.mwebv,
      peakmjd: round(o.peakMjd, 3),
      ...(o.model.extragalactic && o.model.gentype !== 60 ? { mu: round(distanceModulus(o.z), 3) } : {}),
      peakmagU: round(peak.u, 3),
      peakmagG: round(peak.g, 3),
      peakmagR: round(peak.r, 3),
      peakmagI: round(peak.i, 3),
      peakmagZ: round(peak.z, 3),
      peakmagY: round(peak.Y, 3),
    };
  }
}
