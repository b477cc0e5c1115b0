// One-shot commands (npm ci, prisma migrate, seed, web build) with output to a log and a deadline.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { LOGS, ROOT } from './paths.mjs';
import { logFile, tail } from './processes.mjs';

export class StepError extends Error {
  constructor(message, log) {
    super(message);
    this.log = log;
  }
}

/** Runs cmd to completion; its output goes to .opshub/logs/<name>.log. Throws StepError with the log. */
export function runLogged(name, cmd, args, { env = process.env, timeoutMs }) {
  mkdirSync(LOGS, { recursive: true });
  const log = logFile(name);
  const fd = openSync(log, 'w');
  writeSync(fd, `$ ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new StepError(`${name}: ${error.message}`, log));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exited with code ${code}`;
      reject(new StepError(`${name} ${why}`, log));
    });
  });
}

export { tail };
