import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { DeadLetterRepository, DeadLetterRow } from './dead-letter.repository.js';
import type { DeadLetter } from './dead-letter.type.js';

const toDeadLetter = (r: DeadLetterRow): DeadLetter => ({ ...r, id: String(r.id) });

/** Payload bytes as text: UTF-8 when they are valid UTF-8 without NUL, else base64 (nothing is lost). */
export function payloadText(payload: Buffer): string {
  const text = payload.toString('utf8');
  // PostgreSQL text cannot hold NUL: such payloads are kept as base64 too.
  return Buffer.from(text, 'utf8').equals(payload) && !text.includes('\u0000')
    ? text
    : `base64:${payload.toString('base64')}`;
}

export class DeadLetterService {
  constructor(private readonly letters: DeadLetterRepository) {}

  add(rows: readonly { topic: string; payload: string; reason: string; receivedAt: Date }[]): Promise<void> {
    return this.letters.add(rows);
  }

  count(): Promise<number> {
    return this.letters.count();
  }

  async page(args: PageArgs): Promise<ConnectionShape<DeadLetter>> {
    const { first, after } = pageArgs(args);
    let before: bigint | undefined;
    if (after) {
      try {
        before = BigInt(String(after[0]));
      } catch {
        throw new BadUserInputError('Invalid cursor', { argument: 'after' });
      }
    }
    const [rows, total] = await Promise.all([this.letters.page(first + 1, before), this.letters.count()]);
    return toConnection(rows, first, total, toDeadLetter, (r) => [String(r.id)]);
  }
}
