/** A command as error messages show it (they end up in alarm messages): at most 40 characters. */
export const shown = (command: string): string =>
  command.length > 40 ? `${command.slice(0, 40)}…` : command;

export class LineTimeoutError extends Error {
  constructor(command: string, path: string, timeoutMs: number) {
    super(`no answer to ${shown(command)} on ${path} within ${timeoutMs} ms`);
    this.name = 'LineTimeoutError';
  }
}

/** Bytes kept arriving: the line never went quiet long enough to send a command. */
export class LineNoiseError extends Error {
  constructor(path: string, timeoutMs: number) {
    super(`${path} never went quiet within ${timeoutMs} ms (line noise)`);
    this.name = 'LineNoiseError';
  }
}

/** An answer longer than the longest line the chiller sends: noise, or a wrong baud rate. */
export class LineOverflowError extends Error {
  constructor(command: string, path: string, maxBytes: number) {
    super(`answer to ${shown(command)} on ${path} exceeds ${maxBytes} bytes without CRLF`);
    this.name = 'LineOverflowError';
  }
}
