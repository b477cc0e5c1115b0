// npm run up: how it reports progress and failures, shared by its steps.
const started = Date.now();

/** Seconds since up started. */
export const elapsed = () => Math.round((Date.now() - started) / 1000);

export const say = (line) => console.log(`[up ${String(elapsed()).padStart(3)} s] ${line}`);

/** Node's flags that run the hub's TypeScript entry files. */
export const TS = ['--import', '@swc-node/register/esm-register'];

/** A step that failed, with the log file that says why. */
export class Failure extends Error {
  constructor(message, log) {
    super(message);
    this.log = log;
  }
}
