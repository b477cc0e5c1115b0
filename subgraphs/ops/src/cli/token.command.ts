import type { Command } from 'commander';
import { table, when, type CliContext } from './cli.context.js';

export function registerTokenCommands(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('manage API tokens for scripts');

  token
    .command('create')
    .description('create an API token; the token is printed once, as the last line')
    .requiredOption('--user <username>', 'the user the token acts as')
    .requiredOption('--name <label>', 'what the token is for, unique per user')
    .action(async (opts: { user: string; name: string }) => {
      const { token: secret, apiToken } = await ctx.services().tokens.create(opts.user, opts.name);
      ctx.print(`Created token "${apiToken.name}" for ${apiToken.user.username}, id ${apiToken.id}`);
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
          ['ID', 'USER', 'NAME', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED'],
          tokens.map((t) => [
            t.id,
            t.user.username,
            t.name,
            t.prefix,
            when(t.createdAt),
            when(t.lastUsedAt),
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
      ctx.print(`Revoked token "${revoked.name}" of ${revoked.user.username} (${revoked.id})`);
    });
}
