import type { Db } from '@opshub/db';
import { seededRandom } from '@opshub/subgraph-kit';
import type { DiaObjectInput } from './dia-object.input.js';
import { DiaObjectRepository } from './dia-object.repository.js';
import { DiaObjectService } from './dia-object.service.js';

/** LSST deep drilling fields (centre ra, dec in degrees); each is one ~3.5° pointing. */
const DEEP_DRILLING_FIELDS = [
  { name: 'ELAIS-S1', ra: 9.45, dec: -44.0 },
  { name: 'XMM-LSS', ra: 35.708, dec: -4.75 },
  { name: 'ECDFS', ra: 53.125, dec: -28.1 },
  { name: 'EDFS', ra: 58.9, dec: -49.315 },
  { name: 'COSMOS', ra: 150.1, dec: 2.182 },
] as const;

const WIDE_OBJECTS = 1600;
const PER_DEEP_FIELD = 80;
const DEEP_FIELD_RADIUS_DEG = 1.75;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/**
 * Sky positions only: the wide-fast-deep sky south of +30° plus clusters in the deep drilling
 * fields, for cone searches (tests, benchmarks). They carry no detections, forced photometry, host
 * galaxy or truth, which is why the demo's objects looked empty when these were its objects: the
 * demo of `npm run up` now gets its objects from the simulated alert stream (ALERT_SOURCE_URL,
 * simulators/src/alert-stream), each with its light curve, host and truth, and seeds none of these.
 */
export function demoObjects(seed = 20261122): DiaObjectInput[] {
  const random = seededRandom(seed);
  let id = 1_000_000n;
  const nextId = (): bigint => (id += BigInt(1 + Math.floor(random() * 5000)));
  // Milky Way extinction is mostly small with a long tail towards the galactic plane.
  const mwebv = (): number => round(0.005 + 0.3 * random() ** 4, 4);
  const objects: DiaObjectInput[] = [];

  const sinLo = Math.sin((-90 * Math.PI) / 180);
  const sinHi = Math.sin((30 * Math.PI) / 180);
  for (let i = 0; i < WIDE_OBJECTS; i++) {
    // Uniform on the sphere: sin(dec) uniform, not dec.
    const dec = (Math.asin(sinLo + (sinHi - sinLo) * random()) * 180) / Math.PI;
    objects.push({
      id: nextId(),
      ra: round(random() * 360, 7) % 360,
      decl: round(dec, 7),
      mwebv: mwebv(),
      isddf: false,
    });
  }

  for (const field of DEEP_DRILLING_FIELDS) {
    for (let i = 0; i < PER_DEEP_FIELD; i++) {
      const r = DEEP_FIELD_RADIUS_DEG * Math.sqrt(random());
      const theta = 2 * Math.PI * random();
      const dec = field.dec + r * Math.cos(theta);
      const ra = (field.ra + (r * Math.sin(theta)) / Math.cos((dec * Math.PI) / 180) + 360) % 360;
      objects.push({
        id: nextId(),
        ra: round(ra, 7) % 360,
        decl: round(dec, 7),
        mwebv: mwebv(),
        isddf: true,
      });
    }
  }
  return objects;
}

/**
 * Writes the ~2,000 deterministic demo objects (idempotent: an upsert; objects publish nothing, so
 * the seed needs only the database). Returns how many.
 */
export function seedAlertsDemo(db: Db): Promise<number> {
  return new DiaObjectService(new DiaObjectRepository(db)).upsertObjects(demoObjects());
}
