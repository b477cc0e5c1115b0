import type { Logger } from '@opshub/config';
import { CommandOutcomes, toResult, type Outcome } from './command-outcome.js';
import type { CommandRepository } from './command.repository.js';
import { CommandStatus, type CommandResult } from './command.type.js';
import type { CommandActor } from './command-actor.js';

/** What one command is: its kind, the device it addresses and its arguments, as audited. */
export interface CommandSpec {
  kind: string;
  deviceId: string | null;
  args: Record<string, unknown>;
}

/**
 * The audit around every command: the row first (PENDING, with its deadline), then the body (guards
 * and dispatch), then the final status, recorded once (a worker may have recorded it already; the
 * row is the truth). A body that throws is recorded as its refusal or failure.
 */
export class CommandRunner {
  private readonly outcomes: CommandOutcomes;

  constructor(
    private readonly commands: CommandRepository,
    log: Logger,
    /** A device command's deadline after it is issued (DCS_COMMAND_TIMEOUT_MS). */
    private readonly timeoutMs: number,
  ) {
    this.outcomes = new CommandOutcomes(commands, log);
  }

  async run(
    actor: CommandActor,
    spec: CommandSpec,
    body: (commandId: string, notAfter: Date) => Promise<Outcome>,
    requestId?: string,
  ): Promise<CommandResult> {
    const notAfter = new Date(Date.now() + this.timeoutMs);
    const row = await this.commands.create(
      {
        issuedBy: 'system' in actor ? null : actor.id,
        system: 'system' in actor ? actor.system : null,
        ...spec,
        notAfter,
      },
      requestId,
    );
    let outcome: Outcome;
    try {
      outcome = await body(row.id, notAfter);
    } catch (error) {
      return this.outcomes.failed(row, error, requestId);
    }
    const stored = await this.commands.settle(row.id, {
      status: outcome.accepted ? CommandStatus.DONE : CommandStatus.FAILED,
      ...outcome,
    });
    return toResult(stored);
  }
}
