import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import { parseObjectId } from '../dia-object/dia-object.service.js';
import type { QuarantinedRow, QuarantineRepository } from './quarantine.repository.js';
import type { AlertQuarantined } from './quarantine.type.js';

const toQuarantined = (r: QuarantinedRow): AlertQuarantined => ({
  id: r.id.toString(),
  source: r.source,
  position: r.position,
  alertId: r.alertId?.toString() ?? null,
  reason: r.reason,
  at: r.at,
});

export class QuarantineService {
  constructor(private readonly rows: QuarantineRepository) {}

  async page(args: PageArgs): Promise<ConnectionShape<AlertQuarantined>> {
    const { first, after } = pageArgs(args);
    const before = after ? parseObjectId(String(after[0])) : undefined;
    if (before === null)
      throw new BadUserInputError('after is not a cursor of this list', { argument: 'after' });
    const [rows, total] = await Promise.all([this.rows.page(first + 1, before), this.rows.count()]);
    return toConnection(rows, first, total, toQuarantined, (r) => [r.id.toString()]);
  }
}
