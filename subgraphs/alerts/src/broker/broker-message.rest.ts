import { hasRole } from '@opshub/auth';
import { Role } from '@opshub/db/enums';
import { GraphQLError } from 'graphql';
import type { RestHandler, RestReply } from '../rest/rest-handler.js';
import type { BrokerMessageService } from './broker-message.service.js';

const error = (status: number, code: string, message: string): RestReply => ({
  status,
  body: { status: 'error', code, error: message },
});

/**
 * `PUT /elasticc2/brokermessage/`, as the DESC TOM's BrokerMessageView.put: the body is one
 * brokerClassification record (v0.9.1, plus brokerPublishTimestamp in ms) or a list of them; the
 * answer is 201 `{brokerMessageId, num_loaded}` (brokerMessageId -1 when nothing new was stored) with
 * `Location: <base>/elasticc2/brokermessage/<id>` (the TOM appends the id to its own URL, no trailing
 * slash). Needs BROKER (or ADMIN): 403 otherwise. Unlike the TOM (which fails the whole batch with a
 * 500), refused records are left out and listed in `rejected` ({index, reason}) beside the TOM's
 * fields, with `duplicates`; a body with no record at all is 400.
 */
export function brokerMessageRestHandler(brokers: BrokerMessageService): RestHandler {
  return async (request) => {
    if (!request.user) return error(401, 'UNAUTHENTICATED', 'Authentication required');
    if (!hasRole(request.user, Role.BROKER))
      return error(403, 'FORBIDDEN', 'Submitting broker messages needs the BROKER role');
    const body = request.body;
    const records = Array.isArray(body) ? (body as unknown[]) : [body];
    if (body === null || body === undefined || typeof body !== 'object' || records.length === 0)
      return error(400, 'BAD_USER_INPUT', 'the body must be a brokerClassification object or a list of them');
    try {
      const outcome = await brokers.submit(records, request.user);
      if (outcome.numLoaded === 0 && outcome.duplicates === 0 && outcome.rejected.length > 0)
        return {
          status: 400,
          body: {
            status: 'error',
            code: 'BAD_USER_INPUT',
            error: `no valid record: ${outcome.rejected[0]!.reason}`,
            rejected: outcome.rejected,
          },
        };
      const id = outcome.brokerMessageId === null ? -1n : BigInt(outcome.brokerMessageId);
      return {
        status: 201,
        body: {
          brokerMessageId: id,
          num_loaded: outcome.numLoaded,
          duplicates: outcome.duplicates,
          rejected: outcome.rejected,
        },
        headers: { Location: `${request.baseUrl}/elasticc2/brokermessage/${id}` },
      };
    } catch (err) {
      if (err instanceof GraphQLError && typeof err.extensions.code === 'string') {
        const code = err.extensions.code;
        return error(code === 'FORBIDDEN' ? 403 : 400, code, err.message);
      }
      throw err;
    }
  };
}
