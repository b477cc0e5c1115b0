import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import { toCommand, UUID } from './command-outcome.js';
import type { CommandRepository, CommandRow } from './command.repository.js';
import type { Command } from './command.type.js';

/** The audited commands, newest first: who issued what, when, and what came of it. */
export class CommandHistory {
  constructor(private readonly commands: CommandRepository) {}

  recent(take = 50): Promise<CommandRow[]> {
    return this.commands.recent(take);
  }

  /** One device's commands (or all), for any signed-in user; cursors are (at, id). */
  async page(
    args: PageArgs & { deviceId?: string | null; kind?: string | null },
  ): Promise<ConnectionShape<Command>> {
    const { first, after } = pageArgs(args);
    let before: { at: Date; id: string } | undefined;
    if (after) {
      const [at, id] = after;
      const when = new Date(typeof at === 'string' ? at : Number.NaN);
      if (Number.isNaN(when.getTime()) || typeof id !== 'string' || !UUID.test(id))
        throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
          argument: 'after',
        });
      before = { at: when, id };
    }
    const deviceId = args.deviceId ?? undefined;
    const kind = args.kind ?? undefined;
    const [rows, total] = await Promise.all([
      this.commands.page(first + 1, { deviceId, kind }, before),
      this.commands.count({ deviceId, kind }),
    ]);
    return toConnection(rows, first, total, toCommand, (r) => [r.at.toISOString(), r.id]);
  }
}
