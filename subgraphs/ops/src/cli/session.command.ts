import type { Command } from 'commander';
import { CliError } from './cli.error.js';
import type { CliContext } from './cli.context.js';

export function registerSessionCommands(program: Command, ctx: CliContext): void {
  const sessions = program.command('sessions').description('manage sign-in sessions');

  sessions
    .command('revoke')
    .description('end every session of a user (API tokens stay: see token revoke)')
    .requiredOption('--user <username>', 'whose sessions to end')
    .action(async (opts: { user: string }) => {
      const services = ctx.services();
      const row = await services.users.findByUsername(opts.user);
      if (!row) throw new CliError(`User ${opts.user} not found`);
      const count = await services.sessions.revokeAll(row.id);
      ctx.noteRevocationDelay();
      ctx.print(`Revoked ${count} session${count === 1 ? '' : 's'} of ${opts.user}`);
    });
}
