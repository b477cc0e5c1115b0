import type { DiaObjectRow } from './dia-object.repository.js';
import type { DiaObject } from './dia-object.type.js';
import type { HostGalaxy } from './host-galaxy.type.js';

const QUANTILES = ['000', '010', '020', '030', '040', '050', '060', '070', '080', '090', '100'] as const;
const BANDS = ['U', 'G', 'R', 'I', 'Z', 'Y'] as const;

/** `hostgal` or `hostgal2` of a row: the Prisma fields share the prefix. */
function host(row: DiaObjectRow, prefix: 'hostgal' | 'hostgal2'): HostGalaxy {
  const r = row as unknown as Record<string, number | null>;
  const f = (name: string): number | null => r[`${prefix}${name}`] ?? null;
  const out: Record<string, unknown> = {
    ellipticity: f('Ellipticity'),
    sqradius: f('Sqradius'),
    zspec: f('Zspec'),
    zspecErr: f('ZspecErr'),
    zphot: f('Zphot'),
    zphotErr: f('ZphotErr'),
    zphotQuantiles: QUANTILES.map((q) => f(`ZphotQ${q}`)),
    ra: f('Ra'),
    dec: f('Dec'),
    snsep: f('Snsep'),
  };
  for (const b of BANDS) {
    out[`mag${b}`] = f(`Mag${b}`);
    out[`magerr${b}`] = f(`Magerr${b}`);
  }
  return out as unknown as HostGalaxy;
}

/** The one row → GraphQL mapping of an object (queries, cone search, references). */
export function toDiaObject(row: DiaObjectRow): DiaObject {
  return {
    id: row.id.toString(),
    ra: row.ra,
    decl: row.decl,
    mwebv: row.mwebv,
    isddf: row.isddf,
    simVersion: row.simVersion,
    mwebvErr: row.mwebvErr,
    zFinal: row.zFinal,
    zFinalErr: row.zFinalErr,
    hostgal: host(row, 'hostgal'),
    hostgal2: host(row, 'hostgal2'),
    nDetections: row.nDetections,
    firstDetectionMjd: row.firstDetectionMjd,
    lastDetectionMjd: row.lastDetectionMjd,
  };
}
