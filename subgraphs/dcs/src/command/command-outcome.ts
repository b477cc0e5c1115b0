import { randomUUID } from 'node:crypto';
import type { Logger } from '@opshub/config';
import {
  CommandExpiredError,
  InterlockedError,
  InvalidTransitionError,
  ServiceUnavailableError,
} from '@opshub/errors';
import { GraphQLError } from 'graphql';
import type { CommandRepository, CommandRow, Settlement } from './command.repository.js';
import { CommandStatus, type Command, type CommandResult } from './command.type.js';
import { DispatchFailedError, DispatchTimeoutError, type ChillerOutcome } from './device-dispatcher.js';

export interface Outcome {
  accepted: boolean;
  result: string;
  reason: string | null;
}

/** A real UUID (the database's `uuid` type), so that no malformed id reaches a query. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const toCommand = (row: CommandRow): Command => ({
  id: row.id,
  issuedBy: row.issuedBy ? { id: row.issuedBy } : null,
  system: row.system,
  at: row.at,
  kind: row.kind,
  deviceId: row.deviceId,
  status: row.status,
  accepted: row.accepted,
  result: row.result,
  reason: row.reason,
  notAfter: row.notAfter,
  doneAt: row.doneAt,
});

export function chillerOutcome(outcome: ChillerOutcome): Outcome {
  return {
    accepted: outcome.confirmed,
    result: outcome.confirmed ? 'confirmed' : 'not confirmed',
    reason: outcome.confirmed ? null : outcome.detail,
  };
}

export const toResult = (row: CommandRow, reason = row.reason): CommandResult => ({
  accepted: row.accepted,
  reason,
  command: toCommand(row),
});

/**
 * What a command that did not go through becomes: refusals and expiry are coded errors (and the row
 * says so), anything unexpected a generic reason with the request id; the row is the truth, since a
 * worker may have recorded the outcome first.
 */
export class CommandOutcomes {
  constructor(
    private readonly commands: CommandRepository,
    private readonly log: Logger,
  ) {}

  /** A command that did not go through: coded errors for refusals and expiry, a generic reason otherwise. */
  async failed(row: CommandRow, error: unknown, requestId?: string): Promise<CommandResult> {
    const settle = (s: Settlement) => this.commands.settle(row.id, s);
    const expired = (stored: CommandRow, detail: string) =>
      new CommandExpiredError(`${row.kind} was not carried out by its deadline: ${detail}`, {
        commandId: row.id,
        notAfter: stored.notAfter?.toISOString() ?? null,
      });
    if (error instanceof DispatchTimeoutError) {
      if (error.withdrawn) {
        const stored = await settle({
          status: CommandStatus.EXPIRED,
          accepted: false,
          result: 'expired',
          reason: `no worker took it before its deadline (${error.waitedMs} ms); withdrawn, it will not be sent`,
        });
        if (stored.status !== CommandStatus.EXPIRED) return this.settled(stored, row, error, requestId);
        throw expired(stored, 'withdrawn from the queue, it will not be sent');
      }
      const stored = await this.commands.byId(row.id);
      if (stored && stored.status !== CommandStatus.PENDING)
        return this.settled(stored, row, error, requestId);
      throw expired(
        stored ?? row,
        'a worker had taken it at the deadline; its outcome will be in the command history',
      );
    }
    if (error instanceof ServiceUnavailableError) {
      // Redis did not take the job in time: recorded as not sent, so that a late enqueue is never run.
      await settle({
        status: CommandStatus.FAILED,
        accepted: false,
        result: 'not sent',
        reason: error.message,
      });
      throw error;
    }
    if (error instanceof GraphQLError) {
      const isExpired = error instanceof CommandExpiredError;
      await settle({
        status: isExpired ? CommandStatus.EXPIRED : CommandStatus.REFUSED,
        accepted: false,
        result: isExpired ? 'expired' : 'refused',
        reason: error instanceof InterlockedError ? String(error.extensions['reason']) : error.message,
      });
      throw error;
    }
    const stored = await this.commands.byId(row.id);
    if (stored && stored.status !== CommandStatus.PENDING) return this.settled(stored, row, error, requestId);
    return this.unexpected(row, error, requestId);
  }

  /** A command a worker settled: its refusal or expiry as the coded error, else the row as it is. */
  private async settled(
    stored: CommandRow,
    row: CommandRow,
    error: unknown,
    requestId?: string,
  ): Promise<CommandResult> {
    const reason = stored.reason ?? stored.status.toLowerCase();
    const code = error instanceof DispatchFailedError ? error.code : null;
    switch (stored.status) {
      case CommandStatus.EXPIRED:
        throw new CommandExpiredError(`${row.kind} was not carried out by its deadline: ${reason}`, {
          commandId: row.id,
          notAfter: stored.notAfter?.toISOString() ?? null,
        });
      case CommandStatus.REFUSED:
        throw code === 'INTERLOCKED'
          ? new InterlockedError(reason, { commandId: row.id })
          : new InvalidTransitionError(reason, { commandId: row.id });
      case CommandStatus.FAILED:
        return error instanceof DispatchFailedError
          ? this.unexpected(stored, error, requestId)
          : toResult(stored);
      default:
        return toResult(stored);
    }
  }

  /** Never a raw database or driver error in a result: a generic reason with the request id; the log has the rest. */
  private async unexpected(row: CommandRow, error: unknown, requestId?: string): Promise<CommandResult> {
    const rid = requestId ?? randomUUID();
    this.log.error({ err: error, command: row.id, kind: row.kind, requestId: rid }, 'command failed');
    const reason = `Command failed (request id ${rid}); the hub's log has the details`;
    const stored = await this.commands.settle(row.id, {
      status: CommandStatus.FAILED,
      accepted: false,
      result: 'failed',
      reason,
    });
    return toResult(stored, reason);
  }
}
