import { BadUserInputError } from '@opshub/errors';
import type { RestHandler } from '../rest/rest-handler.js';
import {
  bodyOf,
  dateOf,
  idOf,
  idsOf,
  intOf,
  numberOf,
  onlyKeys,
  optional,
  stringOf,
} from '../rest/tom-input.js';
import type { TomRoute } from '../rest/tom-router.js';
import type { SpectraService } from './spectra.service.js';

const ok = (body: Record<string, unknown>) => ({ status: 200, body: { status: 'ok', ...body } });

function ask(spectra: SpectraService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, ['requester', 'objectids', 'priorities']);
    const requester = stringOf(body['requester'], 'requester');
    if (!Array.isArray(body['objectids']) || !Array.isArray(body['priorities']))
      throw new BadUserInputError('objectids and priorities must be lists');
    const ids = idsOf(body['objectids'], 'objectids');
    const priorities = body['priorities'].map((p, i) => intOf(p, `priorities[${i}]`));
    const num = await spectra.ask(requester, ids, priorities);
    return ok({ message: 'wanted spectra created', num });
  };
}

function wanted(spectra: SpectraService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, [
      'requested_since',
      'not_claimed_in_last_days',
      'detected_since_mjd',
      'detected_in_last_days',
      'no_spectra_in_last_days',
      'lim_mag',
      'lim_mag_band',
    ]);
    const requestedSince = optional(body, 'requested_since', dateOf);
    const notClaimed = optional(body, 'not_claimed_in_last_days', numberOf);
    const detectedSince = optional(body, 'detected_since_mjd', numberOf);
    const detectedDays = optional(body, 'detected_in_last_days', numberOf);
    const noSpectra = optional(body, 'no_spectra_in_last_days', numberOf);
    const limMag = optional(body, 'lim_mag', numberOf);
    const limMagBand = optional(body, 'lim_mag_band', (v, f) => stringOf(v, f, 2));
    const rows = await spectra.wanted({
      ...(requestedSince ? { requestedSince } : {}),
      ...(notClaimed !== undefined ? { notClaimedInLastDays: notClaimed } : {}),
      ...(detectedSince !== undefined ? { detectedSinceMjd: detectedSince } : {}),
      ...(detectedDays !== undefined ? { detectedInLastDays: detectedDays } : {}),
      ...(noSpectra !== undefined ? { noSpectraInLastDays: noSpectra } : {}),
      ...(limMag !== undefined ? { limMag } : {}),
      ...(limMagBand !== undefined ? { limMagBand } : {}),
    });
    return ok({
      wantedspectra: rows.map((r) => ({
        oid: r.id,
        ra: r.ra,
        dec: r.dec,
        req: r.requester,
        prio: r.priority,
        latest: r.latest ?? {},
      })),
    });
  };
}

function plan(spectra: SpectraService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, ['objectid', 'facility', 'plantime', 'comment']);
    const p = await spectra.plan({
      diaObjectId: idOf(body['objectid'], 'objectid'),
      facility: stringOf(body['facility'], 'facility'),
      plannedFor: optional(body, 'plantime', dateOf) ?? null,
      comment: optional(body, 'comment', (v, f) => stringOf(v, f, 2000)) ?? '',
    });
    return ok({
      objectid: p.diaObjectId,
      facility: p.facility,
      created_at: p.createdAt.toISOString(),
      plantime: p.plannedFor?.toISOString() ?? null,
      comment: p.comment,
    });
  };
}

function removePlan(spectra: SpectraService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, ['objectid', 'facility']);
    const objectid = idOf(body['objectid'], 'objectid');
    const facility = stringOf(body['facility'], 'facility');
    const n = await spectra.removePlan(objectid, facility);
    return ok({ facility, objectid, n_deleted: n });
  };
}

function report(spectra: SpectraService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, ['objectid', 'facility', 'mjd', 'z', 'classid']);
    for (const key of ['objectid', 'facility', 'mjd', 'classid'])
      if (body[key] === undefined || body[key] === null || body[key] === '')
        throw new BadUserInputError(`Missing required field ${key}`, { field: key });
    const r = await spectra.report({
      diaObjectId: idOf(body['objectid'], 'objectid'),
      facility: stringOf(body['facility'], 'facility'),
      mjd: numberOf(body['mjd'], 'mjd'),
      z: optional(body, 'z', numberOf) ?? null,
      classId: intOf(body['classid'], 'classid'),
    });
    return ok({
      objectid: r.diaObjectId,
      facility: r.facility,
      inserted_at: r.reportedAt.toISOString(),
      mjd: r.mjd,
      z: r.z,
      classid: r.classId,
    });
  };
}

function known(spectra: SpectraService): RestHandler {
  return async (request) => {
    const body = bodyOf(request.body);
    onlyKeys(body, ['objectid', 'facility', 'mjd_min', 'mjd_max', 'classid', 'z_min', 'z_max', 'since']);
    const objectIds = optional(body, 'objectid', idsOf);
    const facility = optional(body, 'facility', stringOf);
    const mjdMin = optional(body, 'mjd_min', numberOf);
    const mjdMax = optional(body, 'mjd_max', numberOf);
    const classId = optional(body, 'classid', intOf);
    const zMin = optional(body, 'z_min', numberOf);
    const zMax = optional(body, 'z_max', numberOf);
    const since = optional(body, 'since', dateOf);
    const rows = await spectra.reports({
      ...(objectIds ? { objectIds } : {}),
      ...(facility !== undefined ? { facility } : {}),
      ...(mjdMin !== undefined ? { mjdMin } : {}),
      ...(mjdMax !== undefined ? { mjdMax } : {}),
      ...(classId !== undefined ? { classId } : {}),
      ...(zMin !== undefined ? { zMin } : {}),
      ...(zMax !== undefined ? { zMax } : {}),
      ...(since ? { since } : {}),
    });
    return ok({
      spectra: rows.map((r) => ({
        objectid: r.diaObjectId,
        facility: r.facility,
        mjd: r.mjd,
        z: r.z,
        classid: r.classId,
        report_time: r.reportedAt.toISOString(),
      })),
    });
  };
}

/** The TOM's spectra follow-up endpoints (POST with a JSON body). */
export function spectraRoutes(spectra: SpectraService): TomRoute[] {
  const post = (path: string, handler: RestHandler): TomRoute => ({
    methods: ['POST'],
    path: `/elasticc2/${path}`,
    handler,
  });
  return [
    post('askforspectrum', ask(spectra)),
    post('spectrawanted', wanted(spectra)),
    post('planspectrum', plan(spectra)),
    post('removespectrumplan', removePlan(spectra)),
    post('reportspectruminfo', report(spectra)),
    post('getknownspectruminfo', known(spectra)),
  ];
}
