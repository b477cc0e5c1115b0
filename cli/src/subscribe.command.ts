// `npm run opshub -- subscribe '<document>'` (api.md): one JSON line per event on stdout, notes on stderr,
// resuming after a dropped connection from the last eventId, and exit codes a script can branch on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHubClient, HubError, type ConnectionEvent } from '@opshub/client';
import { eventIdOf } from '@opshub/client/resume';
import { ConfigError, loadEnv, withEnvFiles } from '@opshub/config';
import { Command, CommanderError } from 'commander';
import { exitCodeOf, SubscribeExit, type SubscribeExitCode } from './subscribe-exit.js';
import {
  SubscribeArgumentError,
  subscribeRequest,
  type RawSubscribeOptions,
  type SubscribeRequest,
} from './subscribe-options.js';

/** The checkout's root, whose .env the CLI reads (this file is cli/src/). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What ends the stream from outside it. */
type Stop = { exit: SubscribeExitCode; note?: string };

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Follows the subscription until it ends; returns the exit code. */
export async function runSubscribe(request: SubscribeRequest): Promise<SubscribeExitCode> {
  const note = (line: string) => {
    if (!request.quiet) process.stderr.write(`${line}\n`);
  };
  let lastEventId = typeof request.variables['after'] === 'string' ? request.variables['after'] : undefined;
  let stopping = false;
  let connected = false;
  const resumeNote = () =>
    !request.resumable
      ? ' (the document declares no $after: events sent meanwhile are lost)'
      : lastEventId
        ? `, resuming after ${lastEventId}`
        : '';
  const onConnection = (event: ConnectionEvent) => {
    if (stopping) return;
    if (event.kind === 'connected') {
      note(connected ? `reconnected${resumeNote()}` : `connected to ${request.url}`);
      connected = true;
    } else if (event.kind === 'closed' && event.code !== 1000 && event.code !== 4401 && event.code !== 4403) {
      const why = `${event.code ?? 'no code'}${event.reason ? `: ${event.reason}` : ''}`;
      note(
        connected ? `connection lost (${why}); reconnecting` : `cannot connect to ${request.url} (${why})`,
      );
    } else if (event.kind === 'resubscribing')
      note(
        `the hub ended the subscription (${event.error.code}); subscribing again, attempt ${event.attempt}${resumeNote()}`,
      );
  };
  if (!request.resumable)
    note('note: the document declares no $after, so events sent while the connection is down are lost');

  const client = createHubClient({
    url: request.url,
    ...(request.token ? { token: request.token } : {}),
    retryAttempts: request.retries,
    onConnection,
  });
  const stop = deferred<Stop>();
  let received = 0;
  const onSigint = () => stop.resolve({ exit: SubscribeExit.SIGINT });
  const onSigterm = () => stop.resolve({ exit: SubscribeExit.SIGTERM });
  // The reader went away (`| head -3`): nothing more to print to.
  const onStdoutError = (e: NodeJS.ErrnoException) =>
    stop.resolve(
      e.code === 'EPIPE' ? { exit: SubscribeExit.DONE } : { exit: SubscribeExit.UNEXPECTED, note: e.message },
    );
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  process.stdout.on('error', onStdoutError);
  const timer =
    request.timeoutMs === undefined
      ? undefined
      : setTimeout(
          () =>
            stop.resolve(
              request.count === undefined
                ? { exit: SubscribeExit.DONE }
                : {
                    exit: SubscribeExit.TIMEOUT,
                    note: `--timeout: ${received} of ${request.count} events arrived`,
                  },
            ),
          request.timeoutMs,
        );

  const events = client.subscribe(request.document, request.variables);
  let outcome: Stop;
  try {
    for (;;) {
      const next = events.next();
      next.catch(() => undefined); // settled after a stop: nobody waits for it any more
      const step = await Promise.race([next.then((r) => ({ r })), stop.promise]);
      if ('exit' in step) {
        outcome = step;
        break;
      }
      if (step.r.done) {
        outcome = { exit: SubscribeExit.DONE, note: 'the hub ended the stream' };
        break;
      }
      lastEventId = eventIdOf({ data: step.r.value }) ?? lastEventId;
      received += 1;
      if (!process.stdout.write(`${JSON.stringify(step.r.value)}\n`)) {
        const drained = await Promise.race([
          new Promise<undefined>((resolve) => process.stdout.once('drain', () => resolve(undefined))),
          stop.promise,
        ]);
        if (drained) {
          outcome = drained;
          break;
        }
      }
      if (request.count !== undefined && received >= request.count) {
        outcome = { exit: SubscribeExit.DONE };
        await events.return?.(undefined); // tells the hub to stop sending
        break;
      }
    }
  } catch (error) {
    const e = error instanceof HubError ? error : undefined;
    outcome = e
      ? { exit: exitCodeOf(e), note: `error: ${e.message}` }
      : { exit: SubscribeExit.UNEXPECTED, note: `error: ${(error as Error).message ?? String(error)}` };
  } finally {
    stopping = true;
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    process.stdout.off('error', onStdoutError);
  }
  await client.close().catch(() => undefined);
  // Errors are printed even with --quiet; the other notes only without it.
  if (outcome.note?.startsWith('error: ')) process.stderr.write(`${outcome.note}\n`);
  else if (outcome.note) note(outcome.note);
  return outcome.exit;
}

/** Registers `subscribe` on the admin CLI; `environment` supplies OPSHUB_URL and OPSHUB_TOKEN. */
export function registerSubscribeCommand(program: Command, environment: NodeJS.ProcessEnv): void {
  program
    .command('subscribe')
    .description(
      'follow a subscription: one JSON line per event on stdout, resuming after a dropped connection (exit codes: cli/README.md)',
    )
    .argument('<document>', "the subscription document; '@file.graphql' reads a file, '-' standard input")
    .option('--variables <json>', 'the variables, a JSON object')
    .option(
      '--after <eventId>',
      'start after this eventId (replays what came since; the document declares $after)',
    )
    .option(
      '--url <url>',
      "the hub (default: OPSHUB_URL, else this checkout's, http://localhost:$GATEWAY_PORT)",
    )
    .option(
      '--token <token>',
      'a session or API token (default: OPSHUB_TOKEN, which other users cannot read in ps)',
    )
    .option('--count <n>', 'exit 0 after n events')
    .option(
      '--timeout <seconds>',
      'stop after this long: exit 0, or 6 when --count events have not all arrived',
    )
    .option('--retries <n>', 'reconnections in a row before giving up with exit 5 (default 5)')
    .option('--quiet', 'no notes on stderr, only errors')
    // Usage errors exit 2 (as a shell script expects), not commander's 1; --help still exits 0.
    .exitOverride((e: CommanderError) => {
      process.exit(e.exitCode === 0 ? 0 : SubscribeExit.USAGE);
    })
    .action(async (document: string, options: RawSubscribeOptions) => {
      let request: SubscribeRequest;
      try {
        const source = withEnvFiles(ROOT, environment);
        // Without OPSHUB_URL: the checkout's own hub, on the gateway port its settings give (4000 by default).
        const { GATEWAY_PORT } = loadEnv(['GATEWAY_PORT'], source);
        const env = loadEnv(['OPSHUB_URL', 'OPSHUB_TOKEN'], {
          ...source,
          OPSHUB_URL: source['OPSHUB_URL'] || `http://localhost:${GATEWAY_PORT}`,
        });
        request = subscribeRequest(document, options, env);
      } catch (e) {
        if (e instanceof ConfigError) {
          process.stderr.write(`error: invalid configuration: ${e.problems.join('; ')}\n`);
          process.exitCode = SubscribeExit.USAGE;
          return;
        }
        if (!(e instanceof SubscribeArgumentError)) throw e;
        process.stderr.write(`error: ${e.message}\n`);
        process.exitCode = e.exitCode;
        return;
      }
      process.exitCode = await runSubscribe(request);
      // A backoff timer of the client may still be pending after a stop: it must not hold the exit.
      setTimeout(() => process.exit(), 2_000).unref();
    });
}
