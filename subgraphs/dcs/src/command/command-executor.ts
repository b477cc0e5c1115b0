import type { Logger } from '@opshub/config';
import type { InterlockSettings } from '../interlock/interlock.rules.js';
import { standSnapshot } from '../interlock/stand-snapshot.js';
import { wireGuard, type WireCommand } from '../interlock/wire-guard.js';
import type { DeviceService } from '../device/device.service.js';
import type { ReadingService } from '../reading/reading.service.js';
import type { CommandRepository, CommandRow, Settlement } from './command.repository.js';
import { CommandStatus } from './command.type.js';
import { dispatchFailure, type ChillerAction, type ChillerOutcome } from './device-dispatcher.js';

const LINE_FAULT = "the chiller's serial line failed; see its chiller-line alarm";

/** The command job as a worker received it (a BullMQ job fits). */
export interface QueuedCommand {
  /** For the log and the stored reason of an unexpected failure. */
  id?: string | undefined;
  /** When the job was queued (ms), for a job that carries no deadline at all. */
  timestamp: number;
  /** `notAfter` (ISO 8601) is the job's deadline; the row's counts too, the earlier wins. */
  data: { commandId: string; notAfter?: string | undefined };
}

/** What the device said, as the command row records it. */
export interface WireOutcome {
  accepted: boolean;
  result: string;
  reason: string | null;
}

/**
 * What became of a queued command. `failure`: the job must fail with this message (no retry; the
 * subgraph reads the status and code back from it); null when the job completes (`value` when sent).
 */
export interface Execution<T> {
  row: CommandRow | null;
  value?: T;
  failure: string | null;
}

/**
 * Carries out a queued device command in a worker, at most once: a command that is no longer
 * PENDING, or that a worker already took to the wire (and died), is never sent again; one whose
 * deadline has passed is recorded EXPIRED; right before the wire the device FSM and the interlocks
 * are checked again on the stand as last reported (REFUSED with the reason). Every final outcome is
 * recorded on the command row, once.
 */
export class CommandExecutor {
  constructor(
    private readonly devices: DeviceService,
    private readonly readings: ReadingService,
    private readonly commands: CommandRepository,
    private readonly settings: InterlockSettings,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  /** A CAEN command: `publish` writes it to MQTT. */
  caen<T>(
    job: QueuedCommand,
    topic: string,
    payload: string,
    publish: () => Promise<T>,
  ): Promise<Execution<T>> {
    return this.execute(job, { caen: { topic, payload } }, publish, () => ({
      accepted: true,
      result: `sent ${topic} ${payload}`,
      reason: null,
    }));
  }

  /** A chiller command: `write` writes it down the serial line and reads it back. */
  async chiller(
    job: QueuedCommand,
    deviceId: string,
    action: ChillerAction,
    write: () => Promise<ChillerOutcome>,
  ): Promise<Execution<ChillerOutcome>> {
    const done = await this.execute(job, { chiller: { deviceId, action } }, write, (o) => {
      const lineFault = !o.confirmed && o.state === 'ERROR';
      if (lineFault) this.log.error({ command: job.data.commandId, detail: o.detail }, 'chiller line fault');
      return {
        accepted: o.confirmed,
        result: o.confirmed ? 'confirmed' : 'not confirmed',
        // A line fault's text comes from the driver: the log keeps it, the row and the answer a summary.
        reason: o.confirmed ? null : lineFault ? LINE_FAULT : o.detail,
      };
    });
    const v = done.value;
    return v && !v.confirmed && v.state === 'ERROR' ? { ...done, value: { ...v, detail: LINE_FAULT } } : done;
  }

  private async execute<T>(
    job: QueuedCommand,
    wire: WireCommand,
    send: () => Promise<T>,
    describe: (value: T) => WireOutcome,
  ): Promise<Execution<T>> {
    const commandId = job.data.commandId;
    const fields = { command: commandId, job: job.id };
    const row = await this.commands.byId(commandId);
    if (!row) {
      this.log.error(fields, 'a command job without its command row: not sent');
      return { row, failure: dispatchFailure('FAILED', null, `no command ${commandId} is recorded`) };
    }
    if (row.status !== CommandStatus.PENDING) {
      this.log.warn({ ...fields, status: row.status }, 'command already settled: not sent again');
      return { row, failure: null };
    }
    if (!(await this.commands.claim(row.id))) {
      // A worker took it to the wire before and stopped without recording (killed, or its lock lost):
      // whether the device got it is unknown, and sending it again could do it twice.
      const stored = await this.settle(row.id, {
        status: CommandStatus.FAILED,
        accepted: false,
        result: 'interrupted',
        reason:
          'a worker stopped while sending it, before recording the outcome; not sent again: check the device',
      });
      this.log.error(fields, 'command interrupted in an earlier attempt: not sent again');
      return { row: stored, failure: this.failureOf(stored) };
    }

    const refusal = wireGuard(await standSnapshot(this.devices, this.readings), this.settings, wire);
    const deadline = this.deadlineOf(row, job);
    const lateMs = Date.now() - deadline.getTime();
    if (lateMs > 0) {
      const stored = await this.settle(row.id, {
        status: CommandStatus.EXPIRED,
        accepted: false,
        result: 'expired',
        reason: `not sent: its deadline ${deadline.toISOString()} had passed ${lateMs} ms before a worker could send it`,
      });
      this.log.warn(
        { ...fields, lateMs, kind: row.kind, issuedBy: row.issuedBy },
        'command expired: not sent',
      );
      return { row: stored, failure: this.failureOf(stored) };
    }
    if (refusal) {
      const stored = await this.settle(row.id, {
        status: CommandStatus.REFUSED,
        accepted: false,
        result: 'refused at send',
        reason: refusal.reason,
      });
      this.log.warn({ ...fields, kind: row.kind, reason: refusal.reason }, 'command refused at the wire');
      return { row: stored, failure: this.failureOf(stored, refusal.code) };
    }

    let value: T;
    try {
      value = await send();
    } catch (err) {
      this.log.error({ ...fields, err, kind: row.kind }, 'command failed in the worker');
      const stored = await this.settle(row.id, {
        status: CommandStatus.FAILED,
        accepted: false,
        result: 'failed',
        reason: `failed in the worker (job ${job.id ?? '?'}); the workers' log has the details`,
      });
      return { row: stored, failure: this.failureOf(stored) };
    }
    const outcome = describe(value);
    const stored = await this.settle(row.id, {
      status: outcome.accepted ? CommandStatus.DONE : CommandStatus.FAILED,
      ...outcome,
    });
    return { row: stored, value, failure: null };
  }

  /** The earlier of the row's and the job's deadline; a job from before deadlines: queued + the timeout. */
  private deadlineOf(row: CommandRow, job: QueuedCommand): Date {
    const fromJob = job.data.notAfter ? Date.parse(job.data.notAfter) : undefined;
    const candidates = [row.notAfter?.getTime(), fromJob].filter(
      (t): t is number => t !== undefined && Number.isFinite(t),
    );
    return new Date(candidates.length > 0 ? Math.min(...candidates) : job.timestamp + this.timeoutMs);
  }

  private settle(id: string, s: Settlement): Promise<CommandRow> {
    return this.commands.settle(id, s);
  }

  /** The job failure for a command that was not carried out (null when it ended DONE after all). */
  private failureOf(row: CommandRow, code: string | null = null): string | null {
    if (row.status === CommandStatus.DONE || row.status === CommandStatus.PENDING) return null;
    return dispatchFailure(row.status, code, row.reason ?? row.status.toLowerCase());
  }
}
