import { zoneOf } from '../dia-object/sky-zones.js';
import type { AlertRecord, ForcedSourceRow, ObjectRow, SourceRow } from './alert-record.js';
import { BANDS } from './alert-record.js';
import type { IdSet, SentIds } from './id-set.js';

/**
 * A decoder of `elasticc.v0_9_1.alert` records written in the shipped schema itself, reading the bytes
 * straight into the rows the store takes. An alert repeats its object's earlier detections and forced
 * photometry: an item of that history an earlier alert of the file already gave is skipped after its id and
 * object (checked), never built again; a diaObject already given likewise. Anything this decoder does not
 * take on its own (a value the record checks refuse, an alert without its diaObject or a diaSource without
 * its diaObjectId, bytes that do not parse) returns null: the caller decodes that record with avsc and checks
 * it as any other, so quarantine reasons and what is stored are the same either way.
 */
export interface FastDecoded {
  alert: AlertRecord;
  /** Offset just past the record. */
  next: number;
}

/** The diaObject's field kinds in schema order, from its schema (long id, ra, decl, then optional values). */
export type ObjectFieldKind = 'long' | 'double' | 'float?' | 'string?';

class Fallback extends Error {}
const FALLBACK = new Fallback();

/** Band by its one-byte UTF-8 spelling. */
const BAND_BY_BYTE: (string | undefined)[] = [];
for (const b of BANDS) BAND_BY_BYTE[b.charCodeAt(0)] = b;

/** Ids an alert gives, as hi, lo pairs, noted as seen only once the whole alert is decoded. */
interface Marks {
  objects: number[];
  sources: number[];
  forced: number[];
}

export class AlertAvroDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** The halves of the long read last. */
  private hi = 0;
  private lo = 0;
  /** Ids already given by an alert of this file (that alert carried its object, so it is stored). */
  private readonly seenObjects: IdSet;
  private readonly seenSources: IdSet;
  private readonly seenForced: IdSet;
  /** The diaObject's optional floats after its id, simVersion, ra and decl. */
  private readonly objectFloats: number;

  /** `objectFields`: every field of the diaObject schema, in order, with its kind. */
  constructor(
    objectFields: readonly { name: string; kind: ObjectFieldKind }[],
    /** The file's ids handed on: what this decoder gives is noted there, what is noted it leaves out. */
    sent: SentIds,
  ) {
    this.seenObjects = sent.objects;
    this.seenSources = sent.sources;
    this.seenForced = sent.forced;
    const [id, sim, ra, decl] = objectFields;
    if (
      id?.name !== 'diaObjectId' ||
      id.kind !== 'long' ||
      sim?.name !== 'simVersion' ||
      sim.kind !== 'string?' ||
      ra?.name !== 'ra' ||
      ra.kind !== 'double' ||
      decl?.name !== 'decl' ||
      decl.kind !== 'double' ||
      objectFields.slice(4).some((f) => f.kind !== 'float?')
    )
      throw new Error('the diaObject schema is not the shape this decoder reads');
    this.objectFloats = objectFields.length - 4;
  }

  /** The record at `at` of `buf` (a block's data), or null: decode it the general way. */
  decode(buf: Buffer, at: number): FastDecoded | null {
    this.buf = buf;
    this.pos = at;
    const marks: Marks = { objects: [], sources: [], forced: [] };
    try {
      const alert = this.alert(marks);
      if (alert === null || this.pos > buf.length) return null;
      const note = (set: IdSet, ids: number[]): void => {
        for (let i = 0; i < ids.length; i += 2) set.add(ids[i]!, ids[i + 1]!);
      };
      note(this.seenObjects, marks.objects);
      note(this.seenSources, marks.sources);
      note(this.seenForced, marks.forced);
      return { alert, next: this.pos };
    } catch (error) {
      if (error === FALLBACK || error instanceof RangeError) return null;
      throw error;
    }
  }

  private alert(marks: Marks): AlertRecord | null {
    this.long();
    const alertId = this.big();
    // The alert's own diaSource, always built; its diaObjectId is the alert's object.
    this.long();
    // Its own diaSource given already (the same alert twice): the general way, which checks every row.
    if (this.seenSources.has(this.hi, this.lo)) throw FALLBACK;
    const sourceId = this.big();
    marks.sources.push(this.hi, this.lo);
    // A diaSource without its diaObjectId takes the diaObject's, which comes last: the general way.
    if (this.unionIndex(2) === 0) throw FALLBACK;
    this.long();
    const objHi = this.hi;
    const objLo = this.lo;
    const objectId = this.big();
    const source = this.sourceRest(sourceId, objectId);
    const prvSources: SourceRow[] = [];
    if (this.unionIndex(2) === 1)
      for (let n = this.blockCount(); n > 0; n = this.blockCount())
        for (let i = 0; i < n; i++) {
          this.long();
          const hi = this.hi;
          const lo = this.lo;
          // Its own diaObjectId, when it says one, must be the alert's.
          if (this.unionIndex(2) === 1) {
            this.long();
            if (this.hi !== objHi || this.lo !== objLo) throw FALLBACK;
          }
          if (this.seenSources.has(hi, lo)) this.skipSource();
          else {
            this.hi = hi;
            this.lo = lo;
            prvSources.push(this.sourceRest(this.big(), objectId));
            marks.sources.push(hi, lo);
          }
        }
    const prvForcedSources: ForcedSourceRow[] = [];
    if (this.unionIndex(2) === 1)
      for (let n = this.blockCount(); n > 0; n = this.blockCount())
        for (let i = 0; i < n; i++) {
          this.long();
          const hi = this.hi;
          const lo = this.lo;
          this.long();
          if (this.hi !== objHi || this.lo !== objLo) throw FALLBACK;
          if (this.seenForced.has(hi, lo)) {
            this.pos += 8;
            this.skipString();
            this.pos += 4 + 4;
          } else {
            this.hi = hi;
            this.lo = lo;
            prvForcedSources.push({
              id: this.big(),
              diaObjectId: objectId,
              midPointTai: this.double(),
              filterName: this.band(),
              psFlux: this.float(),
              psFluxErr: this.float(),
            });
            marks.forced.push(hi, lo);
          }
        }
    // Without its diaObject the alert may be quarantined once the store is asked: the general way.
    if (this.unionIndex(2) === 0) return null;
    this.long();
    if (this.hi !== objHi || this.lo !== objLo) throw FALLBACK;
    let object: ObjectRow | null = null;
    if (this.seenObjects.has(objHi, objLo)) this.skipObjectRest();
    else {
      object = this.objectRest(objectId);
      marks.objects.push(objHi, objLo);
    }
    return { alertId, diaObjectId: objectId, source, object, prvSources, prvForcedSources, unseen: true };
  }

  /** A diaSource's fields after its ids, checked as the record checks do, as its row. */
  private sourceRest(id: bigint, diaObjectId: bigint): SourceRow {
    const midPointTai = this.double();
    const filterName = this.band();
    const ra = this.double();
    const decl = this.double();
    if (!(ra >= 0 && ra < 360) || !(decl >= -90 && decl <= 90)) throw FALLBACK;
    const psFlux = this.float();
    const psFluxErr = this.float();
    const snr = this.float();
    return { id, diaObjectId, midPointTai, filterName, ra, decl, psFlux, psFluxErr, snr };
  }

  private skipSource(): void {
    this.pos += 8;
    this.skipString();
    this.pos += 8 + 8 + 4 + 4 + 4;
  }

  private objectRest(id: bigint): ObjectRow {
    const simVersion = this.unionIndex(2) === 1 ? this.string() : null;
    const ra = this.double();
    const decl = this.double();
    if (!(ra >= 0 && ra < 360) || !(decl >= -90 && decl <= 90)) throw FALLBACK;
    const floats: (number | null)[] = [];
    for (let i = 0; i < this.objectFloats; i++) floats.push(this.unionIndex(2) === 1 ? this.float() : null);
    return { id, ra, decl, zone: zoneOf(decl), simVersion, floats };
  }

  private skipObjectRest(): void {
    if (this.unionIndex(2) === 1) this.skipString();
    this.pos += 16;
    // Each optional float: its branch in one byte (0: null, 2: a float of 4 bytes), then the float.
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < this.objectFloats; i++) {
      const branch = buf[pos++];
      if (branch === 2) pos += 4;
      else if (branch !== 0) throw FALLBACK;
    }
    this.pos = pos;
  }

  /**
   * A zig-zag varint long into `hi` (signed) and `lo` (unsigned) 32-bit halves: integer arithmetic only, no
   * BigInt until a row is kept. More than 10 bytes is not a long.
   */
  private long(): void {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    do {
      b = buf[this.pos++]!;
      if (b === undefined || shift > 63) throw FALLBACK;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      shift += 7;
    } while (b & 0x80);
    const sign = -(lo & 1);
    this.lo = (((lo >>> 1) | (hi << 31)) ^ sign) >>> 0;
    this.hi = (hi >>> 1) ^ sign;
  }

  /** The long just read, as a BigInt. */
  private big(): bigint {
    const { hi, lo } = this;
    return hi >= -0x200000 && hi < 0x200000
      ? BigInt(hi * 4_294_967_296 + lo)
      : (BigInt(hi) << 32n) + BigInt(lo);
  }

  /** A small varint (a union branch, a count, a length), zig-zag decoded, within 2^31. */
  private int(): number {
    const buf = this.buf;
    let n = 0;
    let b: number;
    let shift = 0;
    do {
      b = buf[this.pos++]!;
      if (b === undefined || shift > 28) throw FALLBACK;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  }

  private unionIndex(branches: number): number {
    const i = this.int();
    if (i < 0 || i >= branches) throw FALLBACK;
    return i;
  }

  /** An array block's item count (a negative count is followed by the block's size in bytes). */
  private blockCount(): number {
    const n = this.int();
    if (n >= 0) return n;
    this.int();
    return -n;
  }

  private double(): number {
    const x = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    if (!Number.isFinite(x)) throw FALLBACK;
    return x;
  }

  private float(): number {
    const x = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    if (!Number.isFinite(x)) throw FALLBACK;
    return x;
  }

  private string(): string {
    const n = this.int();
    if (n < 0 || this.pos + n > this.buf.length) throw FALLBACK;
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  private skipString(): void {
    const n = this.int();
    if (n < 0) throw FALLBACK;
    this.pos += n;
  }

  private band(): string {
    if (this.buf[this.pos] !== 2) throw FALLBACK;
    const band = BAND_BY_BYTE[this.buf[this.pos + 1]!];
    if (band === undefined) throw FALLBACK;
    this.pos += 2;
    return band;
  }
}
