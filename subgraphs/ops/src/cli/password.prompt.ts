import { CliError } from './cli.error.js';

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of piped stdin (scripts: `echo "$PW" | npm run opshub -- user create …`). */
async function readPiped(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * The password for `username`: asked twice on a terminal (no echo), or read from stdin when
 * piped. The rules (length…) are the user service's, so they are not repeated here.
 */
export async function readPassword(username: string): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden(`Password for ${username}: `);
    const second = await promptHidden('Repeat it: ');
    if (first !== second) throw new CliError('the two passwords differ');
    return first;
  }
  const piped = await readPiped();
  if (!piped) throw new CliError('no password: give --password, type it on a terminal, or pipe it on stdin');
  return piped;
}
