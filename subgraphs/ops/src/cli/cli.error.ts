/** An expected CLI failure: its message is printed as is, then the CLI exits with 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
