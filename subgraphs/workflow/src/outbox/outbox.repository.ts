import { OutboxTable, type Db } from '@opshub/db';

export type { OutboxRow, PublishRow } from '@opshub/db';

/**
 * The workflow outbox. Rows are published under row locks, in id order, which for one OUS is the
 * order of its transitions (they are serialised by its version); see `OutboxTable`.
 */
export class OutboxRepository extends OutboxTable {
  constructor(db: Db) {
    super(db, 'workflow.outbox');
  }
}
