import { createReadStream } from 'node:fs';
import { ErrorCode, isExpected } from '@opshub/errors';
import { GraphQLError } from 'graphql';
import type { RestHandler } from '../rest/rest-handler.js';
import { restError } from '../rest/rest-reply.js';
import type { SqlService } from './sql.service.js';

/**
 * `GET /db/sqlrunresult/?id=<run>&format=csv|json` — a submitted run's file (the `csvUrl` and
 * `jsonUrl` of SqlRun), for its owner or an admin; anyone else gets 404. On success the reply's
 * `body` is a Readable stream of the file (the router pipes it, headers as given); errors are the
 * TOM's JSON error shape.
 */
export function sqlRunResultHandler(sql: SqlService): RestHandler {
  return async (request) => {
    const id = request.query['id'] ?? '';
    const format = request.query['format'] ?? 'csv';
    if (format !== 'csv' && format !== 'json')
      return restError(ErrorCode.BAD_USER_INPUT, `format must be csv or json, not ${format}`);
    try {
      const file = await sql.file(request.user, id, format);
      const stream = createReadStream(file.path);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return {
        status: 200,
        headers: {
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="${file.fileName}"`,
        },
        body: stream,
      };
    } catch (error) {
      if (error instanceof GraphQLError && isExpected(error))
        return restError(String(error.extensions['code']), error.message);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return restError(ErrorCode.NOT_FOUND, `The files of run ${id} are gone`);
      throw error;
    }
  };
}
