// Runs once before every test file: builds the web app when it is missing or stale, so browser tests in
// parallel files never rebuild web/dist under each other's gateway.
import { ensureWebBuild } from './browser.js';

export function setup(): void {
  ensureWebBuild();
}
