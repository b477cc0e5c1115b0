import type { Command } from 'commander';
import { Role } from '../user/user.type.js';
import { CliError } from './cli.error.js';
import { table, when, type CliContext } from './cli.context.js';
import { readPassword } from './password.prompt.js';

function parseRole(value: string): Role {
  const role = Object.values(Role).find((r) => r === value.toUpperCase());
  if (!role) throw new CliError(`--role must be one of ${Object.values(Role).join(', ')} (got ${value})`);
  return role;
}

export function registerUserCommands(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('manage user accounts');

  user
    .command('create <username>')
    .description('create a user (the password is asked for, read from stdin when piped, or given)')
    .requiredOption(
      '--role <ROLE>',
      'VIEWER, OPERATOR or ADMIN, and BROKER or SQL beside it (repeat: --role VIEWER --role BROKER)',
      (value: string, previous: Role[] = []) => [...previous, parseRole(value)],
    )
    .option('--password <password>', 'the password (visible in shell history: prefer the prompt or stdin)')
    .action(async (username: string, opts: { role: Role[]; password?: string }) => {
      const roles = [...new Set(opts.role)];
      const password = opts.password ?? (await readPassword(username));
      const created = await ctx.services().users.create({ username, password, roles });
      ctx.print(`Created user ${created.username} (${created.roles.join(', ')}), id ${created.id}`);
    });

  user
    .command('list')
    .description('list users')
    .action(async () => {
      const users = await ctx.services().users.list();
      ctx.print(
        table(
          ['USERNAME', 'ROLES', 'CREATED', 'DISABLED', 'ID'],
          users.map((u) => [u.username, u.roles.join(','), when(u.createdAt), when(u.disabledAt), u.id]),
        ),
      );
    });

  user
    .command('passwd <username>')
    .description("set a user's password (asked for, or read from stdin when piped)")
    .option('--password <password>', 'the new password')
    .action(async (username: string, opts: { password?: string }) => {
      const services = ctx.services();
      // Fail before asking for a password nobody can use.
      if (!(await services.users.findByUsername(username))) throw new CliError(`User ${username} not found`);
      const password = opts.password ?? (await readPassword(username));
      await services.users.setPassword(username, password);
      ctx.noteRevocationDelay();
      ctx.print(`Password changed for ${username}; their sessions were ended`);
    });

  user
    .command('disable <username>')
    .description('disable a user: their sessions end and no password or token of theirs works')
    .action(async (username: string) => {
      const services = ctx.services();
      const row = await services.users.findByUsername(username);
      if (!row) throw new CliError(`User ${username} not found`);
      await services.users.disable(row.id);
      ctx.noteRevocationDelay();
      ctx.print(`Disabled ${username}`);
    });

  user
    .command('enable <username>')
    .description('enable a disabled user again')
    .action(async (username: string) => {
      const services = ctx.services();
      const row = await services.users.findByUsername(username);
      if (!row) throw new CliError(`User ${username} not found`);
      await services.users.enable(row.id);
      ctx.print(`Enabled ${username}`);
    });
}
