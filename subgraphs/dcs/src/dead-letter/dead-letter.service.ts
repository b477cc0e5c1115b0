import { createHash } from 'node:crypto';
import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { DeadLetterRepository, DeadLetterRow, NewDeadLetter } from './dead-letter.repository.js';
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

/** The most payload bytes a dead letter keeps; the size and SHA-256 of the whole are kept beside. */
export const DEAD_LETTER_PAYLOAD_BYTES = 4096;
/** The longest reason kept. */
const MAX_REASON = 1000;

/**
 * A dead letter for a message: at most its first 4 kB (cut on a character boundary when it is text),
 * its size and SHA-256, the reason (bounded). A 5 MB payload costs 4 kB, not 5 MB.
 */
export function deadLetterOf(
  topic: string,
  payload: Buffer,
  reason: string,
  receivedAt: Date,
): NewDeadLetter {
  let head = payload.subarray(0, DEAD_LETTER_PAYLOAD_BYTES);
  if (head.length < payload.length) {
    // Do not cut a UTF-8 character in two (that would turn a text payload into base64).
    for (let k = 0; k < 4 && k < head.length; k++) {
      const candidate = head.subarray(0, head.length - k);
      if (Buffer.from(candidate.toString('utf8'), 'utf8').equals(candidate)) {
        head = candidate;
        break;
      }
    }
  }
  return {
    topic: topic.slice(0, 1024),
    payload: payloadText(head),
    reason: reason.slice(0, MAX_REASON),
    payloadBytes: payload.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
    receivedAt,
  };
}

export class DeadLetterService {
  constructor(private readonly letters: DeadLetterRepository) {}

  add(rows: readonly NewDeadLetter[]): Promise<void> {
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
