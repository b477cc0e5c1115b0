import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ELASTICC_DATA_DIR } from '../ingest/alert-schema.js';

/** One class of the ELAsTiCC taxonomy: its id, its name, and the simulation gentypes it covers. */
export interface TaxonomyClass {
  classId: number;
  name: string;
  gentypes: number[];
}

let loaded: Map<number, TaxonomyClass> | undefined;

/** The ELAsTiCC class taxonomy (data/elasticc/taxonomy.csv), read once per process. */
export function taxonomy(): ReadonlyMap<number, TaxonomyClass> {
  if (loaded) return loaded;
  const lines = readFileSync(path.join(ELASTICC_DATA_DIR, 'taxonomy.csv'), 'utf8').trim().split('\n');
  loaded = new Map();
  for (const line of lines.slice(1)) {
    const [id = '', name = '', gentypes = ''] = line.split(',');
    const classId = Number(id);
    const types = gentypes.trim() ? gentypes.trim().split(/\s+/).map(Number) : [];
    loaded.set(classId, { classId, name: name.trim(), gentypes: types });
  }
  return loaded;
}

/** The name of a class id (`Ia`, `SN-like/Other`…), or null when the taxonomy has no such class. */
export function className(classId: number): string | null {
  return taxonomy().get(classId)?.name ?? null;
}

/** The leaf class a simulation gentype belongs to, or undefined (a gentype the taxonomy does not map). */
export function classOfGentype(gentype: number): TaxonomyClass | undefined {
  for (const c of taxonomy().values()) if (c.gentypes.includes(gentype)) return c;
  return undefined;
}
