import type { Command } from 'commander';
import { CliContext } from './cli.context.js';
import { registerSessionCommands } from './session.command.js';
import { registerTokenCommands } from './token.command.js';
import { registerUserCommands } from './user.command.js';

/** What the ops commands opened (the database, Redis), to close when the CLI is done. */
export interface OpsCommands {
  close(): Promise<void>;
}

/**
 * Registers the ops commands on the admin CLI (`@opshub/cli`): `user`, `session`, `token`. They open
 * the ops services on first use, so `--help` needs no database.
 */
export function registerOpsCommands(program: Command, environment: NodeJS.ProcessEnv): OpsCommands {
  const ctx = new CliContext(environment);
  registerUserCommands(program, ctx);
  registerSessionCommands(program, ctx);
  registerTokenCommands(program, ctx);
  return { close: () => ctx.close() };
}
