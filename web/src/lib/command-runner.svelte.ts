import type { OperationResult } from '@urql/core';
import { commandOutcome, type CommandOutcome } from './dcs-command';

/**
 * A control's device command: the one in flight (`pending`: the control waits, a second click is
 * ignored) and the last one's outcome, as CommandNote shows it.
 */
export class CommandRunner {
  pending = $state(false);
  outcome = $state<CommandOutcome | null>(null);

  async run(label: string, send: () => PromiseLike<OperationResult>): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    this.outcome = null;
    try {
      this.outcome = commandOutcome(await send(), label);
    } finally {
      this.pending = false;
    }
  }
}
