// The demo users `npm run up` seeds (issue 7, M10): admin, operator and viewer, each with its own
// random password in .env, so that handing someone the viewer login does not hand them admin; and
// broker (VIEWER+BROKER), the account the simulated push broker signs in with (issue 9).
import { randomBytes } from 'node:crypto';

export const DEMO_USERS = [
  { username: 'admin', key: 'OPSHUB_ADMIN_PASSWORD' },
  { username: 'operator', key: 'OPSHUB_OPERATOR_PASSWORD' },
  { username: 'viewer', key: 'OPSHUB_VIEWER_PASSWORD' },
  { username: 'broker', key: 'OPSHUB_BROKER_PASSWORD' },
];

/**
 * A fresh password for each demo user that `env` lacks: { KEY: password }. 16 base64url characters
 * (96 random bits): within the ops password policy (12–128 characters, not a common password).
 */
export function missingDemoPasswords(env) {
  return Object.fromEntries(
    DEMO_USERS.filter(({ key }) => !env[key]).map(({ key }) => [key, randomBytes(12).toString('base64url')]),
  );
}

/** The logins to print: "admin / …", one per line. */
export function demoLogins(env) {
  return DEMO_USERS.map(({ username, key }) => `${username.padEnd(8)} / ${env[key] ?? '(not set)'}`);
}
