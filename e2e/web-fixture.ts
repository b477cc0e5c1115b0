// The browser side of the web e2e tests, once: the hub started with the built web app, one headless
// Chromium, sign-in as a seeded user, GraphQL as a role, and a screenshot of every page open when a
// test fails (the first thing to look at when a browser test breaks).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ensureWebBuild, launchChromium } from './browser.js';
import { PASSWORD, startHub, type Hub } from './hub.js';

export type Username = 'admin' | 'operator' | 'viewer';

export interface WebFixture {
  readonly hub: Hub;
  readonly browser: Browser;
  /** The page the tests share (opened before the first test). */
  readonly page: Page;
  /** Opens `hash` signed out, signs in through the login form (the app returns to `hash`). */
  signIn(page: Page, username: Username, hash?: string): Promise<void>;
  /** A page in a fresh browser context (its own session), closed with the context by `close`. */
  isolatedPage(): Promise<{ page: Page; close(): Promise<void> }>;
  /** A GraphQL request at the gateway as `username`; throws the first error. */
  graphql<T = Record<string, unknown>>(
    username: Username,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T>;
  /** Saves a PNG of `page` under the e2e screenshot directory; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
}

/** Where failing tests leave their screenshots (E2E_SCREENSHOTS, default the OS temp directory). */
export const SCREENSHOT_DIR = process.env['E2E_SCREENSHOTS'] ?? path.join(tmpdir(), 'opshub-e2e-screenshots');

/**
 * Registers the hooks of a web e2e file and returns its fixture (filled in by `beforeAll`). Hooks a
 * test file registers after this call run after the hub is up, and their `afterAll` before it stops.
 */
export function useWebHub(
  options: Omit<Parameters<typeof startHub>[0] & object, 'web'> & { label: string },
): WebFixture {
  let hub: Hub | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const open = new Set<Page>();
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (use the fixture inside tests)`);
    return value;
  };

  const fixture: WebFixture = {
    get hub() {
      return need(hub, 'the hub');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get page() {
      return need(page, 'the page');
    },
    async signIn(p, username, hash = '') {
      await p.goto(`${fixture.hub.url}/${hash}`);
      await p.getByTestId('login-username').fill(username);
      await p.getByTestId('login-password').fill(PASSWORD);
      await p.getByTestId('login-submit').click();
      await p.getByTestId('user-menu').waitFor({ timeout: 10_000 });
    },
    async isolatedPage() {
      const context = await fixture.browser.newContext();
      const p = await context.newPage();
      open.add(p);
      return {
        page: p,
        close: async () => {
          open.delete(p);
          await context.close();
        },
      };
    },
    async graphql<T>(username: Username, query: string, variables: Record<string, unknown> = {}) {
      const r = await fetch(fixture.hub.graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await fixture.hub.token(username)}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await r.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors) throw new Error(body.errors[0]!.message);
      return body.data!;
    },
    async screenshot(p, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${options.label}-${name.replace(/[^\w.-]+/g, '-')}.png`);
      await p.screenshot({ path: file, fullPage: true });
      return file;
    },
  };

  beforeAll(async () => {
    ensureWebBuild();
    hub = await startHub({ ...options, web: true });
    browser = await launchChromium();
    page = await browser.newPage();
    open.add(page);
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    let n = 0;
    for (const p of open) {
      const file = await fixture.screenshot(p, `${context.task.name}-${n++}`).catch(() => null);
      if (file) console.error(`screenshot of the failed test: ${file}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  return fixture;
}
