import type { ChillerAction } from '@opshub/jobs';

// One definition, where the job payload that carries it is declared.
export type { ChillerAction };

/** What the line said after the write: confirmed by reading back, or why not. */
export interface ChillerOutcome {
  confirmed: boolean;
  detail: string;
  /** The chiller's state as read back, when the line answered. */
  state?: string;
}

/**
 * How commands reach the devices. The subgraph hands them to the workers as jobs (they own the
 * MQTT connection and the serial lines); the workers drive the devices directly. `notAfter` is the
 * command's deadline: nothing is sent after it, and a dispatcher that waits gives up at it.
 */
export interface DeviceDispatcher {
  /** Publishes a CAEN command; `topic` is relative to the topic root, e.g. `dcs/cmd/switch/hv`. */
  caen(topic: string, payload: string, commandId: string, notAfter: Date): Promise<void>;
  chiller(
    deviceId: string,
    action: ChillerAction,
    commandId: string,
    notAfter: Date,
  ): Promise<ChillerOutcome>;
}

/**
 * The command was not carried out by its deadline. `withdrawn`: it was taken off the queue and will
 * never be sent; otherwise a worker had already taken it and records its outcome itself.
 */
export class DispatchTimeoutError extends Error {
  constructor(
    readonly withdrawn: boolean,
    readonly waitedMs: number,
  ) {
    super(
      withdrawn
        ? `no worker took the command within ${waitedMs} ms; it was withdrawn from the queue`
        : `a worker took the command but did not finish it within ${waitedMs} ms`,
    );
    this.name = 'DispatchTimeoutError';
  }
}

/**
 * The worker did not send the command (refused at the wire, past its deadline, already handled) or
 * failed. `status` and `code` are parsed from the job's failure (`<STATUS>[ <CODE>]: <reason>`).
 */
export class DispatchFailedError extends Error {
  readonly status: string | null;
  readonly code: string | null;
  readonly reason: string;

  constructor(failedReason: string) {
    super(failedReason);
    this.name = 'DispatchFailedError';
    const m = /^(EXPIRED|REFUSED|FAILED)(?: ([A-Z_]+))?: ([\s\S]*)$/.exec(failedReason);
    this.status = m?.[1] ?? null;
    this.code = m?.[2] ?? null;
    this.reason = m?.[3] ?? failedReason;
  }
}

/** The message a worker fails a command job with; `DispatchFailedError` reads it back. */
export function dispatchFailure(
  status: 'EXPIRED' | 'REFUSED' | 'FAILED',
  code: string | null,
  reason: string,
): string {
  return `${status}${code ? ` ${code}` : ''}: ${reason}`;
}

/** For processes that cannot reach devices (SDL emission, read-only tests). */
export const NO_DISPATCHER: DeviceDispatcher = {
  caen: () => Promise.reject(new Error('This process cannot reach the devices')),
  chiller: () => Promise.reject(new Error('This process cannot reach the devices')),
};
