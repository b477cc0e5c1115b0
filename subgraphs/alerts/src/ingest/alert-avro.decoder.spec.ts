import { describe, expect, it } from 'vitest';
import { readAvroContainer, type FileEntry } from './alert-file.reader.js';
import { sentIds } from './id-set.js';
import { objectFloatFields, RecordError, toAlertRecord, type AlertRecord } from './alert-record.js';
import { diaObjectFields, encodeAlertContainer } from './alert-schema.js';

const FLOATS = objectFloatFields(diaObjectFields());

/** Ids beyond 2^53 and below -2^31, where a double or an int32 would lose them. */
const OBJECT = 2n ** 62n + 12_345n;

function alerts(object = OBJECT, n = 4) {
  const sources = Array.from({ length: n }, (_, k) => ({
    diaSourceId: object * 2n + BigInt(k) - 2n ** 63n,
    diaObjectId: object,
    midPointTai: 60_800.125 + k,
    filterName: ['u', 'g', 'r', 'i', 'z', 'Y'][k % 6]!,
    ra: 359.999_999,
    decl: -89.5,
    psFlux: Math.fround(1000.1 + k),
    psFluxErr: Math.fround(40.3),
    snr: Math.fround(24.8),
  }));
  const forced = Array.from({ length: 2 * n }, (_, k) => ({
    diaForcedSourceId: BigInt(k) - 5n,
    diaObjectId: object,
    midPointTai: 60_799.5 + k / 2,
    filterName: 'r',
    psFlux: Math.fround(-3.5),
    psFluxErr: Math.fround(12),
  }));
  const diaObject = {
    diaObjectId: object,
    simVersion: 'spec ünïcode',
    ra: 359.999_999,
    decl: -89.5,
    mwebv: Math.fround(0.021),
    hostgal_mag_Y: Math.fround(21.5),
  };
  return sources.map((s, k) => ({
    alertId: object + BigInt(k),
    diaSource: s,
    prvDiaSources: sources.slice(0, k),
    prvDiaForcedSources: forced.slice(0, 2 * k + 2),
    diaObject: diaObject as Record<string, unknown> | null,
  }));
}

async function entries(values: unknown[]): Promise<FileEntry[]> {
  return [...readAvroContainer(await encodeAlertContainer(values), sentIds()).entries];
}

/** Every row the alerts give, each id once (the first kept), as the store receives them. */
function rows(records: AlertRecord[]) {
  const once = <T extends { id: bigint }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  return {
    alerts: records.map((r) => [r.alertId, r.diaObjectId, r.source]),
    objects: once(records.flatMap((r) => (r.object ? [r.object] : []))),
    sources: once(records.flatMap((r) => [r.source, ...r.prvSources])),
    forced: once(records.flatMap((r) => r.prvForcedSources)),
  };
}

describe('the fast Avro decoder', () => {
  it('gives the rows the general decoder and the record checks give, each repeated one once', async () => {
    const values = alerts();
    const decoded = await entries(values);
    expect(decoded.every((e) => 'alert' in e)).toBe(true);
    const fast = decoded.map((e) => (e as { alert: AlertRecord }).alert);
    // The history an earlier alert gave is not built again.
    expect(fast[3]!.prvSources).toEqual([]);
    expect(fast[3]!.prvForcedSources).toHaveLength(2);
    expect(fast[1]!.object).toBeNull();
    const general = values.map((v) => toAlertRecord(v, FLOATS));
    expect(rows(fast)).toEqual(rows(general));
    const float = (field: string) => fast[0]!.object!.floats[FLOATS.indexOf(field)];
    expect(float('hostgal_mag_Y')).toBe(Math.fround(21.5));
    expect(float('mwebv_err')).toBeNull();
  });

  it('leaves to the general decoder and its checks what it does not take: bad values, no object, history of another', async () => {
    const nan = alerts();
    // Copies: the alerts share their history's items.
    nan[2]!.prvDiaForcedSources[5] = { ...nan[2]!.prvDiaForcedSources[5]!, psFlux: NaN };
    const noObject = alerts();
    noObject[1]!.diaObject = null;
    const stray = alerts();
    stray[2]!.prvDiaSources[0] = { ...stray[2]!.prvDiaSources[0]!, diaObjectId: 77n };
    const offSky = alerts();
    offSky[0]!.diaSource = { ...offSky[0]!.diaSource, decl: -91 };
    for (const [values, at, reason] of [
      [nan, 2, /prvDiaForcedSources\[5\]\.psFlux must be a finite number/],
      [noObject, 1, null],
      [stray, 2, /belongs to diaObject 77/],
      [offSky, 0, /diaSource\.decl must be in \[-90, 90\]/],
    ] as const) {
      const decoded = await entries(values);
      expect(decoded.map((e) => 'alert' in e)).toEqual(values.map((_, k) => k !== at));
      const general = decoded[at] as { value: unknown };
      if (reason) expect(() => toAlertRecord(general.value, FLOATS)).toThrow(RecordError);
      if (reason) expect(() => toAlertRecord(general.value, FLOATS)).toThrow(reason);
      else expect(toAlertRecord(general.value, FLOATS).object).toBeNull();
    }
  });
});
