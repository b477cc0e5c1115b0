import { BadUserInputError } from '@opshub/errors';
import type { RestHandler, RestRequest } from './rest-handler.js';
import { idOf, intOf } from './tom-input.js';
import type { TomTable } from './tom.repository.js';
import type { TomRoute } from './tom-router.js';
import type { TomService } from './tom.service.js';

const TABLES: readonly TomTable[] = ['diaobject', 'diasource', 'diatruth', 'diaalert'];

function listHandler(tom: TomService, table: TomTable): RestHandler {
  return async (request: RestRequest) => {
    const { query } = request;
    const after = query['after'] !== undefined ? idOf(query['after'], 'after') : undefined;
    const before = query['before'] !== undefined ? idOf(query['before'], 'before') : undefined;
    if (after !== undefined && before !== undefined)
      throw new BadUserInputError('Give after or before, not both');
    // `?page=N` (Django REST framework's pages, still in old scripts) starts there; the links it
    // answers with are keyset cursors.
    const pageNumber = query['page'] !== undefined ? intOf(query['page'], 'page') : 1;
    if (pageNumber < 1) throw new BadUserInputError('page must be 1 or more');
    const page = await tom.page(table, {
      ...(after !== undefined ? { after } : {}),
      ...(before !== undefined ? { before } : {}),
      ...(pageNumber > 1 ? { offset: (pageNumber - 1) * 100 } : {}),
    });
    const link = (key: string, id: bigint | null) =>
      id === null ? null : `${request.baseUrl}/elasticc/${table}/?${key}=${id.toString()}`;
    return {
      status: 200,
      body: {
        count: page.count,
        next: link('after', page.after),
        previous: link('before', page.before),
        results: page.rows,
      },
    };
  };
}

function detailHandler(tom: TomService, table: TomTable): RestHandler {
  return async (request) => ({
    status: 200,
    body: await tom.detail(table, idOf(request.params?.['id'], 'id')),
  });
}

/** `elasticc/diaobject|diasource|diatruth|diaalert/` (pages of 100) and `/<id>/` (diatruth: by diaSourceId). */
export function elasticcRoutes(tom: TomService): TomRoute[] {
  return TABLES.flatMap((table): TomRoute[] => [
    { methods: ['GET', 'POST'], path: `/elasticc/${table}`, handler: listHandler(tom, table) },
    { methods: ['GET', 'POST'], path: `/elasticc/${table}/:id`, handler: detailHandler(tom, table) },
  ]);
}
