// The admin CLI: `npm run opshub -- user create alice --role ADMIN`, `token create …` (api.md).
// It works on the database directly through each domain's services, so it also works before the hub
// runs. Each domain registers its own commands (ops: user, session, token; alerts: alerts import);
// `backup` (the whole hub's database and product store) and `subscribe` (a client of a running hub's
// gateway, not of the database) are the CLI's own.
import { ConfigError } from '@opshub/config';
import { Command } from 'commander';
import { registerSubscribeCommand } from './subscribe.command.js';

// `subscribe` only talks to a running hub's gateway: it does not load the domains (Prisma, type-graphql),
// which would double its start-up. The others load them before their commands are registered.
const domains =
  process.argv[2] === 'subscribe'
    ? undefined
    : await import('reflect-metadata').then(() =>
        Promise.all([import('@opshub/alerts'), import('@opshub/ops'), import('./backup.command.js')]),
      );
const CliError = domains?.[1].CliError;

/** One line for stderr: coded errors and CLI errors say what to fix; anything else is unexpected. */
function describe(error: unknown): string {
  if (CliError && error instanceof CliError) return error.message;
  if (error instanceof ConfigError) return `invalid configuration: ${error.problems.join('; ')}`;
  // Coded errors from @opshub/errors (GraphQLError with extensions.code) carry a message for users.
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (error instanceof Error && typeof code === 'string') return error.message;
  let message = error instanceof Error ? error.message : String(error);
  // Prisma prefixes the real reason ("Can't reach database server at …") with the call site.
  if (message.includes('invocation:')) message = message.slice(message.lastIndexOf('invocation:') + 11);
  const first = message.split('\n').find((l) => l.trim()) ?? 'unknown error';
  return first.trim();
}

const program = new Command('opshub').description(
  'opshub administration: users, sessions, API tokens, alert imports, backups; subscriptions from a shell',
);
const ops = domains?.[1].registerOpsCommands(program, process.env);
domains?.[0].registerAlertsCommands(program, process.env);
domains?.[2].registerBackupCommands(program, process.env);
registerSubscribeCommand(program, process.env);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`error: ${describe(error)}\n`);
  process.exitCode = 1;
} finally {
  await ops?.close().catch(() => undefined);
}
