/**
 * 64-bit ids as (hi, lo) halves — `hi` the signed upper 32 bits, `lo` the unsigned lower — in a Set of lows per
 * high: the Avro decoder reads ids as halves and looks them up without making a BigInt. An id already a BigInt
 * (a record the general decoder read, a JSON file's) is split into the same halves.
 */
export class IdSet {
  private readonly byHi = new Map<number, Set<number>>();

  has(hi: number, lo: number): boolean {
    return this.byHi.get(hi)?.has(lo) ?? false;
  }

  add(hi: number, lo: number): void {
    let lows = this.byHi.get(hi);
    if (!lows) this.byHi.set(hi, (lows = new Set()));
    lows.add(lo);
  }

  /** Adds `id`; false when it was there already. */
  addId(id: bigint): boolean {
    const hi = Number(id >> 32n);
    const lo = Number(id & 0xffffffffn);
    if (this.has(hi, lo)) return false;
    this.add(hi, lo);
    return true;
  }
}

/**
 * The ids of one file's rows already handed on: an alert repeats its object's earlier rows. The fast Avro decoder
 * notes what it gives (and leaves out what is noted); the others' rows are noted as they are split.
 */
export interface SentIds {
  objects: IdSet;
  sources: IdSet;
  forced: IdSet;
}

export const sentIds = (): SentIds => ({ objects: new IdSet(), sources: new IdSet(), forced: new IdSet() });
