// The whole review flow in headless Chromium with the real workers: the batch helper gives a new OUS
// its recipe, an operator assigns an executive on its page, the pipeline worker processes it, the
// operator passes QA2, and ingestion and delivery take it to Delivered, every move seen live.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipeFor } from '@opshub/workflow';
import { ensureWebBuild, launchChromium } from './browser.js';
import { PASSWORD, startHub, type Hub } from './hub.js';

const PROGRAM = '2019.1.05678.S';
/** Long enough to see PROCESSING on the page, short enough to keep the test quick. */
const PIPELINE_MS = 2_000;

let hub: Hub;
let browser: Browser;
let context: BrowserContext;
/** The board, open from the start and never reloaded: whatever changes on it came as an event. */
let board: Page;
/** The OUS page, in a second tab of the same session. */
let page: Page;
let ousId: string;
let recipe: string;

beforeAll(async () => {
  ensureWebBuild();
  hub = await startHub({ label: 'e2e-workflow-review', web: true, workers: true, pipelineMs: PIPELINE_MS });
  browser = await launchChromium();
  context = await browser.newContext();
  board = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
}, 60_000);

async function createOus(id: string): Promise<void> {
  const r = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await hub.token('admin')}` },
    body: JSON.stringify({
      query: 'mutation($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
      variables: { p: PROGRAM, id },
    }),
  });
  const body = (await r.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(body.errors[0]!.message);
}

/** The ids, in order, that the hub's seed gives a Pipeline* recipe (so the batch helper hands them on). */
function* pipelineIds(): Generator<string> {
  for (let n = 1; ; n++) {
    const id = `uid://A002/X2/P${n}`;
    if (recipeFor(hub.workflow.seed, id).startsWith('Pipeline')) yield id;
  }
}

const card = (id: string, state?: string) =>
  board.locator(
    `${state ? `[data-testid="board-column"][data-state="${state}"] ` : ''}[data-testid="ous-card"][data-ous-id="${id}"]`,
  );

const stateOf = (p: Page) => p.getByTestId('ous-state').getAttribute('data-state');

/** The page's history, oldest first, as `STATE[/substate] by actor`. */
const historyOf = (p: Page) =>
  p.getByTestId('ous-history-entry').evaluateAll((rows) =>
    rows
      .map((r) => {
        const substate = r.querySelector('.substate')?.textContent;
        return `${r.getAttribute('data-to')}${substate ? `/${substate}` : ''} by ${r.getAttribute('data-actor')}`;
      })
      .reverse(),
  );

describe('the review flow with the workers running', () => {
  it('shows a new OUS arriving on the board and the batch helper giving it a Pipeline recipe', async () => {
    await board.goto(`${hub.url}/#/workflow`);
    await board.getByTestId('login-username').fill('operator');
    await board.getByTestId('login-password').fill(PASSWORD);
    await board.getByTestId('login-submit').click();
    await board.getByTestId('user-menu').waitFor({ timeout: 10_000 });
    await board.locator('[data-testid="ous-board"][data-loaded="true"]').waitFor({ timeout: 10_000 });

    // The board's subscription opens with the page: create OUSs until one shows up live (the first
    // may come before it). Each id is one the seed gives a Pipeline recipe.
    const ids = pipelineIds();
    const deadline = Date.now() + 15_000;
    let shown = false;
    while (!shown && Date.now() < deadline) {
      ousId = ids.next().value!;
      await createOus(ousId);
      shown = await card(ousId)
        .waitFor({ timeout: 2_000 })
        .then(
          () => true,
          () => false,
        );
    }
    expect(shown, 'no OUS appeared live on the board within 15 s').toBe(true);

    // The batch helper (a worker) picks the recipe the seed draws; the card shows it, still ready.
    recipe = recipeFor(hub.workflow.seed, ousId);
    expect(recipe).toMatch(/^Pipeline/);
    await expect
      .poll(() => card(ousId, 'READY_FOR_PROCESSING').textContent(), { timeout: 15_000 })
      .toContain(recipe);
  });

  it('lets the operator assign an executive on the OUS page and shows the pipeline run live', async () => {
    page = await context.newPage();
    await page.goto(`${hub.url}/#/workflow`);
    await page.locator('[data-testid="ous-board"][data-loaded="true"]').waitFor({ timeout: 10_000 });
    await page.locator(`[data-testid="ous-card"][data-ous-id="${ousId}"]`).click();
    await page.getByTestId('ous-page').waitFor();
    expect(page.url()).toContain(`#/ous/${encodeURIComponent(ousId)}`);
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('READY_FOR_PROCESSING');

    await page.getByTestId('assign-executive-choice').selectOption('EU');
    await page.getByTestId('assign-executive').click();
    // Both tabs show the run while it lasts (watched together: it ends PIPELINE_MS later).
    await Promise.all([
      expect.poll(() => stateOf(page), { timeout: 10_000, interval: 50 }).toBe('PROCESSING'),
      card(ousId, 'PROCESSING').waitFor({ timeout: 10_000 }),
    ]);
    expect(await page.getByTestId('ous-executive').textContent()).toBe('EU');

    // The pipeline worker ends the run: the page and the board follow without a reload.
    await expect.poll(() => stateOf(page), { timeout: 20_000 }).toBe('READY_FOR_REVIEW');
    await card(ousId, 'READY_FOR_REVIEW').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => historyOf(page), { timeout: 10_000 })
      .toEqual([
        'READY_FOR_PROCESSING by admin',
        `READY_FOR_PROCESSING/${recipe} by batch-helper`,
        `PROCESSING/${recipe} by operator`,
        'READY_FOR_REVIEW by pipeline-driver',
      ]);
    // What the reviewer looks at: the run's report and products, written by the worker.
    await page.getByTestId('ous-report').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('ous-product').count()).toBeGreaterThanOrEqual(5);
  });

  it('runs the QA2 review in the form and shows the OUS delivered live on the board', async () => {
    await page.getByTestId('start-review').click();
    await page.getByTestId('qa2-form').waitFor({ timeout: 10_000 });
    await expect.poll(() => stateOf(page)).toBe('REVIEWING');
    await card(ousId, 'REVIEWING').waitFor({ timeout: 10_000 });

    await page.getByTestId('qa2-comment').fill('Imaging within spec');
    await page.getByTestId('qa2-pass').click();

    // Ingestion and delivery are workers: the board, loaded long before, moves the card to Delivered.
    await card(ousId, 'DELIVERED').waitFor({ timeout: 30_000 });
    expect(await card(ousId).count()).toBe(1);
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('DELIVERED');
    expect(await page.getByTestId('qa2-form').count()).toBe(0);

    await expect
      .poll(() => historyOf(page), { timeout: 10_000 })
      .toEqual([
        'READY_FOR_PROCESSING by admin',
        `READY_FOR_PROCESSING/${recipe} by batch-helper`,
        `PROCESSING/${recipe} by operator`,
        'READY_FOR_REVIEW by pipeline-driver',
        'REVIEWING by operator',
        'VERIFIED by operator',
        'DELIVERY_IN_PROGRESS/IngestionTriggered by product-ingestor',
        'DELIVERY_IN_PROGRESS/AnalyzingProducts by product-ingestor',
        'DELIVERY_IN_PROGRESS/IngestingProducts by product-ingestor',
        'DELIVERY_IN_PROGRESS/ProductsIngested by product-ingestor',
        'DELIVERED by data-tracker',
      ]);
    const verified = page.locator('[data-testid="ous-history-entry"][data-to="VERIFIED"]');
    expect(await verified.textContent()).toContain('QA2 PASS: Imaging within spec');
    await expect
      .poll(() => page.getByTestId('ous-delivery').getAttribute('data-complete'), { timeout: 10_000 })
      .toBe('true');
  });
});
