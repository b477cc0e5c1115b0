import { BadUserInputError } from '@opshub/errors';
import type { ObjectPhotometry } from './photometry.repository.js';
import type { RestHandler } from './rest-handler.js';
import { bodyOf, idOf, idsOf, intOf, mjdOf, numberOf, onlyKeys, optional, type Body } from './tom-input.js';
import type { TomRoute } from './tom-router.js';
import { ZERO_POINT, type TomService } from './tom.service.js';

type Format = 0 | 1 | 2;

function formatOf(body: Body): Format {
  const f = optional(body, 'return_format', intOf) ?? 0;
  if (f !== 0 && f !== 1 && f !== 2) throw new BadUserInputError(`Unknown return_format ${f} (0, 1 or 2)`);
  return f;
}

/**
 * The TOM's three shapes: 0 a list of objects with `photometry: {mjd, band, flux, fluxerr}`; 1 the same
 * with those four lists on the object itself (the TOM's code meant this and fails); 2 columns, one
 * list entry per object. `extra` adds fields per object (gethottransients' redshift and sncode).
 */
function shape(objects: ObjectPhotometry[], format: Format, hostInfo: boolean, extra: Body = {}): unknown {
  if (format === 2) {
    const columns: Record<string, unknown[]> = {
      objectid: [],
      ra: [],
      dec: [],
      mjd: [],
      band: [],
      flux: [],
      fluxerr: [],
      zp: [],
    };
    for (const key of Object.keys(extra)) columns[key] = [];
    for (const o of objects) {
      columns['objectid']!.push(o.objectId);
      columns['ra']!.push(o.ra);
      columns['dec']!.push(o.dec);
      columns['mjd']!.push(o.mjd);
      columns['band']!.push(o.band);
      columns['flux']!.push(o.flux);
      columns['fluxerr']!.push(o.fluxerr);
      columns['zp']!.push(ZERO_POINT);
      for (const [k, v] of Object.entries(extra)) columns[k]!.push(v);
      if (hostInfo) for (const [k, v] of Object.entries(o.host)) (columns[k] ??= []).push(v);
    }
    return columns;
  }
  return objects.map((o) => {
    const photometry = { mjd: o.mjd, band: o.band, flux: o.flux, fluxerr: o.fluxerr };
    return {
      objectid: o.objectId,
      ra: o.ra,
      dec: o.dec,
      zp: ZERO_POINT,
      ...extra,
      ...(hostInfo ? o.host : {}),
      ...(format === 0 ? { photometry } : photometry),
    };
  });
}

const truthy = (v: unknown) => v === true || v === 1 || v === 'true' || v === 'True' || v === '1';

/** `ltcv`: forced photometry of the given objects (up to `mjd_now`). */
function ltcv(tom: TomService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, ['objectid', 'objectids', 'mjd_now', 'return_format', 'include_hostinfo']);
    if ((body['objectid'] === undefined) === (body['objectids'] === undefined))
      throw new BadUserInputError('Give one of objectid or objectids');
    const ids =
      body['objectid'] !== undefined
        ? idsOf(body['objectid'], 'objectid')
        : idsOf(body['objectids'], 'objectids');
    const format = formatOf(body);
    const hostInfo = truthy(body['include_hostinfo']);
    const mjdNow = optional(body, 'mjd_now', numberOf) ?? null;
    const objects = await tom.lightCurves(ids, { mjdNow, hostInfo });
    return { status: 200, body: { status: 'ok', diaobject: shape(objects, format, hostInfo) } };
  };
}

/** `gethottransients`: objects detected since an MJD (or in the last days, 30 by default), with their photometry. */
function hotTransients(tom: TomService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, [
      'detected_since_mjd',
      'detected_in_last_days',
      'mjd_now',
      'return_format',
      'include_hostinfo',
      'cheat_gentypes',
    ]);
    if (body['detected_since_mjd'] !== undefined && body['detected_in_last_days'] !== undefined)
      throw new BadUserInputError('Give only one of detected_since_mjd or detected_in_last_days');
    const format = formatOf(body);
    const hostInfo = truthy(body['include_hostinfo']);
    const mjdNow = optional(body, 'mjd_now', numberOf) ?? null;
    const lastDays = optional(body, 'detected_in_last_days', numberOf) ?? 30;
    const since = optional(body, 'detected_since_mjd', numberOf) ?? (mjdNow ?? mjdOf(new Date())) - lastDays;
    const cheat = body['cheat_gentypes'];
    if (cheat !== undefined && !Array.isArray(cheat))
      throw new BadUserInputError('cheat_gentypes must be a list of gentypes');
    const gentypes = cheat ? cheat.map((g, i) => intOf(g, `cheat_gentypes[${i}]`)) : null;
    const objects = await tom.hotTransients(since, gentypes, { mjdNow, hostInfo });
    return {
      status: 200,
      body: { status: 'ok', diaobject: shape(objects, format, hostInfo, { redshift: -99, sncode: -99 }) },
    };
  };
}

/** `getalert {alertid | sourceid}`: the alert as its Avro-shaped record. */
function getAlert(tom: TomService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body ?? (Object.keys(request.query).length ? request.query : undefined));
    onlyKeys(body, ['alertid', 'sourceid']);
    if ((body['alertid'] === undefined) === (body['sourceid'] === undefined))
      throw new BadUserInputError('Give one of alertid or sourceid');
    const alert =
      body['alertid'] !== undefined
        ? await tom.alert({ alertId: idOf(body['alertid'], 'alertid') })
        : await tom.alert({ sourceId: idOf(body['sourceid'], 'sourceid') });
    return { status: 200, body: alert };
  };
}

/** The `elasticc2/` reads: ltcv, gethottransients, getalert (GET or POST with a JSON body, as the TOM). */
export function elasticc2Routes(tom: TomService): TomRoute[] {
  return [
    { methods: ['GET', 'POST'], path: '/elasticc2/ltcv', handler: ltcv(tom) },
    { methods: ['GET', 'POST'], path: '/elasticc2/gethottransients', handler: hotTransients(tom) },
    { methods: ['GET', 'POST'], path: '/elasticc2/getalert', handler: getAlert(tom) },
  ];
}
