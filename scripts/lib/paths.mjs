// Where up/down keep their state: everything under .opshub/ (git-ignored).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STATE = path.join(ROOT, '.opshub');
export const LOGS = path.join(STATE, 'logs');
export const RUN = path.join(STATE, 'run');
export const ENV_FILE = path.join(ROOT, '.env');
/** Settings that differ from .env for the current run (embedded services); the CLI reads it too. */
export const RUNTIME_ENV_FILE = path.join(STATE, 'runtime.env');
