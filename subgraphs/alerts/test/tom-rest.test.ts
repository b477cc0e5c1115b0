import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_IDS, startTomServer, type TomServer } from './tom-harness.js';

let tom: TomServer;
const TOM = '/internal/tom';
const [FIRST, SECOND] = OBJECT_IDS as [bigint, bigint, bigint];

beforeAll(async () => {
  tom = await startTomServer('tom_rest');
}, 120_000);
afterAll(() => tom?.close());

/** The 64-bit ids of a key as written in the JSON text (JSON.parse would round them). */
const idsIn = (text: string, key: string): bigint[] =>
  [...text.matchAll(new RegExp(`"${key}":(-?\\d+)`, 'g'))].map((m) => BigInt(m[1]!));

describe('elasticc lists and details', () => {
  it('lists objects with exact 64-bit ids, 100 a page, in the TOM shape', async () => {
    const r = await tom.call('GET', `${TOM}/elasticc/diaobject/`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['count', 'next', 'previous', 'results']);
    expect(r.json.count).toBe(3);
    expect(r.json.next).toBeNull();
    expect(idsIn(r.text, 'diaObjectId')).toEqual(OBJECT_IDS);
    expect(r.json.results[0]).toMatchObject({ ra: 359.9999, decl: -45.5, hostgal_mag_Y: 21.5 });
  });

  it('pages sources by keyset: no row skipped or repeated while rows are inserted', async () => {
    const first = await tom.call('GET', `${TOM}/elasticc/diasource`);
    expect(first.json.count).toBe(120);
    expect(first.json.results).toHaveLength(100);
    expect(first.json.previous).toBeNull();
    const seen = idsIn(first.text, 'diaSourceId');
    const next = new URL(first.json.next as string);
    expect(next.origin).toBe('http://hub.test');
    // Rows arrive before the cursor between the two pages: an offset page would repeat a row.
    await tom.h.db.$executeRawUnsafe(
      `INSERT INTO alerts.dia_source (dia_source_id, dia_object_id, mid_point_tai, filter_name, ra, decl, ps_flux, ps_flux_err, snr)
       VALUES (1, ${FIRST}, 60000, 'g', 1, 1, 1, 1, 1), (2, ${FIRST}, 60000, 'g', 1, 1, 1, 1, 1)`,
    );
    try {
      const second = await tom.call('GET', `${TOM}${next.pathname}${next.search}`);
      expect(second.json.results).toHaveLength(20);
      expect(second.json.next).toBeNull();
      expect(second.json.previous).toMatch(/\/elasticc\/diasource\/\?before=\d+$/);
      const all = [...seen, ...idsIn(second.text, 'diaSourceId')];
      expect(new Set(all).size).toBe(120);
      expect(all).toEqual([...all].sort((a, b) => (a < b ? -1 : 1)));
      // Back: the 100 rows just before page two, whatever arrived earlier in the table.
      const back = new URL(second.json.previous as string);
      const previous = await tom.call('GET', `${TOM}${back.pathname}${back.search}`);
      expect(idsIn(previous.text, 'diaSourceId')).toEqual(seen);
      expect(previous.json.previous).toMatch(/before=/);
    } finally {
      await tom.h.db.$executeRawUnsafe('DELETE FROM alerts.dia_source WHERE dia_source_id IN (1, 2)');
    }
  });

  it('answers one row by id, and 404 / 400 as JSON with a code', async () => {
    const one = await tom.call('GET', `${TOM}/elasticc/diaobject/${SECOND}/`);
    expect(idsIn(one.text, 'diaObjectId')).toEqual([SECOND]);
    const noSlash = await tom.call('GET', `${TOM}/elasticc/diasource/${FIRST * 100n + 3n}`);
    expect(noSlash.json).toMatchObject({ filterName: 'i' });
    const missing = await tom.call('GET', `${TOM}/elasticc/diaobject/42/`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ status: 'error', code: 'NOT_FOUND' });
    const bad = await tom.call('GET', `${TOM}/elasticc/diaobject/abc/`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ status: 'error', code: 'BAD_USER_INPUT' });
  });

  it('gives an alert with its source, object and earlier photometry', async () => {
    const alertId = FIRST * 100n + 5n;
    const r = await tom.call('GET', `${TOM}/elasticc/diaalert/${alertId}/`);
    expect(idsIn(r.text, 'alertId')).toEqual([alertId]);
    expect(r.json.prvDiaSources).toHaveLength(5);
    expect(r.json.diaSource).toMatchObject({ filterName: 'Y' });
    const byAlert = await tom.call('POST', `${TOM}/elasticc2/getalert`, { alertid: alertId });
    expect(byAlert.text).toBe(r.text);
    const bySource = await tom.call(
      'POST',
      `${TOM}/elasticc2/getalert/`,
      `{"sourceid": ${FIRST * 100n + 5n}}`,
    );
    expect(bySource.text).toBe(r.text);
    // 30 nights before the first detection, 2 a night, then 5 nights: 70 forced points before it.
    expect(r.json.prvDiaForcedSources).toHaveLength(70);
  });
});

describe('elasticc2 light curves', () => {
  it('ltcv format 0: photometry per object, zp 27.5, up to mjd_now', async () => {
    const r = await tom.call(
      'POST',
      `${TOM}/elasticc2/ltcv`,
      `{"objectids": [${FIRST}, ${SECOND}], "mjd_now": 60800.1}`,
    );
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('ok');
    expect(idsIn(r.text, 'objectid')).toEqual([FIRST, SECOND]);
    const o = r.json.diaobject[0];
    expect(o).toMatchObject({ zp: 27.5, ra: 359.9999, dec: -45.5 });
    expect(Object.keys(o.photometry)).toEqual(['mjd', 'band', 'flux', 'fluxerr']);
    expect(o.photometry.mjd).toHaveLength(61);
    expect(Math.max(...(o.photometry.mjd as number[]))).toBeLessThanOrEqual(60800.1);
  });

  it('ltcv format 1: the lists on the object; format 2: columns; include_hostinfo', async () => {
    const one = await tom.call(
      'POST',
      `${TOM}/elasticc2/ltcv/`,
      `{"objectid": ${FIRST}, "return_format": 1, "include_hostinfo": true}`,
    );
    const o = one.json.diaobject[0];
    // The forced points the alerts carried: all but the last night's two.
    expect(o.mjd).toHaveLength(138);
    expect(o.band).toHaveLength(138);
    expect(o.photometry).toBeUndefined();
    expect(o).toMatchObject({ hostgal_mag_y: 21.5, hostgal_snsep: expect.closeTo(0.8, 5) });
    const cols = await tom.call(
      'POST',
      `${TOM}/elasticc2/ltcv`,
      `{"objectids": [${FIRST}, ${SECOND}], "return_format": 2}`,
    );
    expect(Object.keys(cols.json.diaobject)).toEqual([
      'objectid',
      'ra',
      'dec',
      'mjd',
      'band',
      'flux',
      'fluxerr',
      'zp',
    ]);
    expect(cols.json.diaobject.mjd).toHaveLength(2);
    expect(cols.json.diaobject.zp).toEqual([27.5, 27.5]);
  });

  it('refuses unknown parameters and bad bodies with a coded 400', async () => {
    const unknown = await tom.call('POST', `${TOM}/elasticc2/ltcv`, { objectid: 1, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ status: 'error', code: 'BAD_USER_INPUT' });
    expect(unknown.json.error).toContain('colour');
    const notJson = await tom.call('POST', `${TOM}/elasticc2/ltcv`, '{objectid');
    expect(notJson.status).toBe(400);
    const format = await tom.call('POST', `${TOM}/elasticc2/ltcv`, { objectid: 1, return_format: 7 });
    expect(format.status).toBe(400);
  });

  it('gethottransients: objects detected since an MJD, with redshift and sncode', async () => {
    const r = await tom.call('POST', `${TOM}/elasticc2/gethottransients`, {
      detected_since_mjd: 60830,
      mjd_now: 60835,
    });
    expect(idsIn(r.text, 'objectid')).toEqual(OBJECT_IDS);
    expect(r.json.diaobject[0]).toMatchObject({ redshift: -99, sncode: -99, zp: 27.5 });
    const none = await tom.call('POST', `${TOM}/elasticc2/gethottransients`, {
      detected_in_last_days: 1,
      mjd_now: 60700,
    });
    expect(none.json.diaobject).toEqual([]);
  });

  it('needs a signed-in caller', async () => {
    const r = await tom.call('POST', `${TOM}/elasticc2/ltcv`, { objectid: 1 }, null);
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ status: 'error', code: 'UNAUTHENTICATED' });
  });
});

describe('spectra follow-up', () => {
  it('asks, lists, plans, reports and finds spectra', async () => {
    const ask = await tom.call(
      'POST',
      `${TOM}/elasticc2/askforspectrum`,
      `{"requester": "desc", "objectids": [${FIRST}, ${SECOND}], "priorities": [5, 9]}`,
    );
    expect(ask.json).toMatchObject({ status: 'ok', num: 2 });
    const query = { detected_since_mjd: 60000, no_spectra_in_last_days: 100000 };
    const wanted = await tom.call('POST', `${TOM}/elasticc2/spectrawanted`, query);
    expect(idsIn(wanted.text, 'oid')).toEqual([FIRST, SECOND]);
    const w = wanted.json.wantedspectra[0];
    expect(w).toMatchObject({ req: 'desc', prio: 5 });
    // The latest forced point with S/N > 3 per band, mag = -2.5 log10(flux) + 27.5.
    expect(Object.keys(w.latest).sort()).toEqual(['Y', 'g', 'i', 'r', 'u', 'z'].sort());
    expect(w.latest.u.mag).toBeGreaterThan(20);
    const bright = await tom.call('POST', `${TOM}/elasticc2/spectrawanted`, {
      ...query,
      lim_mag: 10,
      lim_mag_band: 'g',
    });
    expect(bright.json.wantedspectra).toEqual([]);

    const plan = await tom.call(
      'POST',
      `${TOM}/elasticc2/planspectrum`,
      `{"objectid": ${FIRST}, "facility": "SOAR", "plantime": "2026-12-03 02:00:00"}`,
    );
    expect(plan.json).toMatchObject({ status: 'ok', facility: 'SOAR', plantime: '2026-12-03T02:00:00.000Z' });
    const claimed = await tom.call('POST', `${TOM}/elasticc2/spectrawanted`, query);
    expect(idsIn(claimed.text, 'oid')).toEqual([SECOND]);
    const removed = await tom.call(
      'POST',
      `${TOM}/elasticc2/removespectrumplan`,
      `{"objectid": ${FIRST}, "facility": "SOAR"}`,
    );
    expect(removed.json).toMatchObject({ status: 'ok', n_deleted: 1 });

    const report = await tom.call(
      'POST',
      `${TOM}/elasticc2/reportspectruminfo`,
      `{"objectid": ${SECOND}, "facility": "Gemini", "mjd": 60816.2, "z": 0.31, "classid": 2222}`,
    );
    expect(report.json).toMatchObject({ status: 'ok', facility: 'Gemini', classid: 2222 });
    const after = await tom.call('POST', `${TOM}/elasticc2/spectrawanted`, query);
    expect(idsIn(after.text, 'oid')).toEqual([FIRST]);
    const known = await tom.call('POST', `${TOM}/elasticc2/getknownspectruminfo`, {
      mjd_min: 60816,
      mjd_max: 60817,
    });
    expect(idsIn(known.text, 'objectid')).toEqual([SECOND]);
    const none = await tom.call('POST', `${TOM}/elasticc2/getknownspectruminfo`, { mjd_min: 60817 });
    expect(none.json.spectra).toEqual([]);
    // The same follow-up in GraphQL: DiaObject.spectra.
    await tom.call('POST', `${TOM}/elasticc2/planspectrum`, `{"objectid": ${FIRST}, "facility": "NOT"}`);
    const gql = await tom.h.exec<{ diaObject: { spectra: Record<string, unknown[]> } }>(
      `query ($id: ID!) { diaObject(id: $id) { spectra { wanted { requester priority } planned { facility plannedFor }
         reported { facility classId z mjd } } } }`,
      { id: FIRST.toString() },
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.diaObject.spectra).toEqual({
      wanted: [{ requester: 'desc', priority: 5 }],
      planned: [{ facility: 'NOT', plannedFor: null }],
      reported: [],
    });
    const reported = await tom.h.exec<{ diaObject: { spectra: { reported: unknown[]; wanted: unknown[] } } }>(
      `{ diaObject(id: "${SECOND}") { spectra { wanted { requester } reported { facility classId } } } }`,
    );
    expect(reported.data!.diaObject.spectra).toEqual({
      wanted: [],
      reported: [{ facility: 'Gemini', classId: 2222 }],
    });
    const unknown = await tom.call('POST', `${TOM}/elasticc2/planspectrum`, {
      objectid: 42,
      facility: 'SOAR',
    });
    expect(unknown.status).toBe(404);
  });
});
