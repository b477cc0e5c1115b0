import type { Command } from 'commander';
import { CliError } from './cli.error.js';
import { table, when, type CliContext } from './cli.context.js';

function parseDays(value: string): number {
  if (!/^\d+$/.test(value))
    throw new CliError(`--expires-in-days must be a whole number of days (got ${value})`);
  return Number(value);
}

export function registerTokenCommands(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('manage API tokens for scripts');

  token
    .command('create')
    .description('create an API token; the token is printed once, as the last line')
    .requiredOption('--user <username>', 'the user the token acts as')
    .requiredOption('--name <label>', 'what the token is for, unique per user')
    .option('--expires-in-days <days>', 'the token stops working after this many days (default: never)')
    .action(async (opts: { user: string; name: string; expiresInDays?: string }) => {
      const expiresInDays = opts.expiresInDays === undefined ? null : parseDays(opts.expiresInDays);
      const { token: secret, apiToken } = await ctx
        .services()
        .tokens.create(opts.user, opts.name, undefined, { expiresInDays });
      const until = apiToken.expiresAt ? `, expires ${when(apiToken.expiresAt)} UTC` : '';
      ctx.print(`Created token "${apiToken.name}" for ${apiToken.user.username}, id ${apiToken.id}${until}`);
      ctx.print('It is shown only this once:');
      ctx.print(secret);
    });

  token
    .command('list')
    .description('list API tokens (never the tokens themselves)')
    .option('--user <username>', 'only this user’s tokens')
    .action(async (opts: { user?: string }) => {
      const tokens = await ctx.services().tokens.list(opts.user);
      ctx.print(
        table(
          ['ID', 'USER', 'NAME', 'PREFIX', 'CREATED', 'LAST USED', 'EXPIRES', 'REVOKED'],
          tokens.map((t) => [
            t.id,
            t.user.username,
            t.name,
            t.prefix,
            when(t.createdAt),
            when(t.lastUsedAt),
            when(t.expiresAt),
            when(t.revokedAt),
          ]),
        ),
      );
    });

  token
    .command('revoke <id>')
    .description('revoke an API token by id (see token list)')
    .action(async (id: string) => {
      const revoked = await ctx.services().tokens.revoke(id);
      ctx.noteRevocationDelay();
      ctx.print(`Revoked token "${revoked.name}" of ${revoked.user.username} (${revoked.id})`);
    });
}
