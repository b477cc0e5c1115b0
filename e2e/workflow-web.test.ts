// The review flow in headless Chromium: an operator watches an OUS arrive and move on the board,
// assigns it to an executive, reviews it and passes QA2, each change seen live; a viewer gets no buttons.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Executive, OusState } from '@opshub/workflow';
import type { Hub } from './hub.js';
import { useWebHub } from './web-fixture.js';

const PROGRAM = '2019.1.01234.S';
const BATCH_HELPER = { system: 'batch-helper' };
const ACTION_IDS = ['assign-executive', 'start-review', 'qa2-form', 'requeue', 'report-qa3', 'resolve-qa3'];

const web = useWebHub({ label: 'e2e-workflow-web' });
let hub: Hub;
let page: Page;
let ousId: string;

beforeAll(() => {
  ({ hub, page } = web);
});

const signIn = web.signIn;

async function createOus(id: string): Promise<void> {
  await web.graphql(
    'admin',
    'mutation($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
    {
      p: PROGRAM,
      id,
    },
  );
}

const card = (id: string, state?: string) =>
  page.locator(
    `${state ? `[data-testid="board-column"][data-state="${state}"] ` : ''}[data-testid="ous-card"][data-ous-id="${id}"]`,
  );

const stateOf = (p: Page) => p.getByTestId('ous-state').getAttribute('data-state');

describe('the workflow pages', () => {
  it('show an OUS created through the API arriving live on the board', async () => {
    await signIn(page, 'operator', '#/workflow');
    await page.locator('[data-testid="ous-board"][data-loaded="true"]').waitFor({ timeout: 10_000 });
    expect(
      await page
        .locator('[data-testid="board-column"]')
        .evaluateAll((cols) => cols.map((c) => c.getAttribute('data-state'))),
    ).toEqual(Object.values(OusState));

    // The board loaded before these exist and never polls for cards: one showing up came as an event.
    // The subscription opens with the page, so create OUSs until one shows (the first may precede it).
    const deadline = Date.now() + 15_000;
    let shown = false;
    for (let n = 1; !shown && Date.now() < deadline; n++) {
      ousId = `uid://A001/X1/L${n}`;
      await createOus(ousId);
      shown = await card(ousId, 'READY_FOR_PROCESSING')
        .waitFor({ timeout: 2_000 })
        .then(
          () => true,
          () => false,
        );
    }
    expect(shown, 'no OUS appeared live on the board within 15 s').toBe(true);
    const column = page.locator('[data-testid="board-column"][data-state="READY_FOR_PROCESSING"]');
    await expect.poll(() => column.getByTestId('board-count').textContent()).not.toBe('0');
    expect(await card(ousId).textContent()).toContain(PROGRAM);
  });

  it('updates the card live as the batch helper picks a recipe', async () => {
    await hub.workflow.ous.apply(
      ousId,
      { kind: 'assignRecipe', recipe: 'PipelineCalibration' },
      BATCH_HELPER,
    );
    await expect
      .poll(() => card(ousId, 'READY_FOR_PROCESSING').textContent(), { timeout: 10_000 })
      .toContain('PipelineCalibration');
  });

  it('lets the operator assign an executive from the OUS page', async () => {
    await card(ousId).click();
    await page.getByTestId('ous-page').waitFor();
    expect(page.url()).toContain(`#/ous/${encodeURIComponent(ousId)}`);
    await expect.poll(() => stateOf(page)).toBe('READY_FOR_PROCESSING');
    const history = page.getByTestId('ous-history-entry');
    expect(await history.count()).toBe(2);
    expect(await history.first().getAttribute('data-actor')).toBe('batch-helper');

    await page.getByTestId('assign-executive-choice').selectOption('EU');
    await page.getByTestId('assign-executive').click();
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('PROCESSING');
    expect(await page.getByTestId('ous-executive').textContent()).toBe('EU');
    await expect.poll(() => history.first().getAttribute('data-actor')).toBe('operator');
    expect(await page.getByTestId('assign-executive').count()).toBe(0);
  });

  it('moves the card live when the pipeline finishes', async () => {
    await page.goBack();
    await card(ousId, 'PROCESSING').waitFor({ timeout: 10_000 });
    const outcome = await hub.workflow.pipeline.run(ousId, Executive.EU, { queue: 'e2e', jobId: null });
    expect(outcome).toMatchObject({ exitCode: 0 });
    await card(ousId, 'READY_FOR_REVIEW').waitFor({ timeout: 10_000 });
    expect(await card(ousId, 'PROCESSING').count()).toBe(0);
  });

  it('runs the QA2 review on the OUS page and shows VERIFIED live', async () => {
    await card(ousId).click();
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('READY_FOR_REVIEW');
    // What the reviewer looks at: the report's scores and the products with their checksums.
    await page.getByTestId('ous-report').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('ous-product').count()).toBeGreaterThanOrEqual(5);

    await page.getByTestId('start-review').click();
    await page.getByTestId('qa2-form').waitFor({ timeout: 10_000 });
    expect(await stateOf(page)).toBe('REVIEWING');

    // A Fail needs a comment: the form says so and sends nothing.
    await page.getByTestId('qa2-fail').click();
    await expect.poll(() => page.getByTestId('qa2-form').textContent()).toContain('needs a comment');
    expect(await stateOf(page)).toBe('REVIEWING');

    await page.getByTestId('qa2-comment').fill('Calibrators fine, imaging within spec');
    await page.getByTestId('qa2-pass').click();
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('VERIFIED');
    const latest = page.getByTestId('ous-history-entry').first();
    await expect.poll(() => latest.getAttribute('data-to')).toBe('VERIFIED');
    expect(await latest.textContent()).toContain('QA2 PASS: Calibrators fine, imaging within spec');
    expect(await latest.getAttribute('data-actor')).toBe('operator');
    expect(await page.getByTestId('qa2-form').count()).toBe(0);
  });

  it('follows moves made elsewhere while the OUS page is open', async () => {
    // A second OUS, reviewed by someone else while the operator watches its page.
    const other = 'uid://A001/X1/R1';
    await createOus(other);
    await hub.workflow.ous.apply(other, { kind: 'assignRecipe', recipe: 'PipelineImaging' }, BATCH_HELPER);
    await page.goto(`${hub.url}/#/ous/${encodeURIComponent(other)}`);
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('READY_FOR_PROCESSING');
    await page.getByTestId('assign-executive').waitFor();
    await hub.workflow.ous.apply(
      other,
      { kind: 'assignExecutive', executive: Executive.JAO },
      { system: 'dra-script' },
    );
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('PROCESSING');
    expect(await page.getByTestId('ous-executive').textContent()).toBe('JAO');
    expect(await page.getByTestId('assign-executive').count()).toBe(0);
  });

  it("shows the hub's refusal when the OUS moved before the click", async () => {
    const stale = 'uid://A001/X1/S1';
    await createOus(stale);
    await hub.workflow.ous.apply(stale, { kind: 'assignRecipe', recipe: 'PipelineImaging' }, BATCH_HELPER);
    const { page: offline, close } = await web.isolatedPage();
    try {
      // This page gets no live updates (its socket never reaches the hub), so its buttons go stale.
      await offline.context().routeWebSocket(/\/graphql$/, () => {});
      await signIn(offline, 'operator', `#/ous/${encodeURIComponent(stale)}`);
      await offline.getByTestId('assign-executive').waitFor({ timeout: 10_000 });
      await hub.workflow.ous.apply(
        stale,
        { kind: 'assignExecutive', executive: Executive.NA },
        { system: 'dra-script' },
      );
      await offline.getByTestId('assign-executive').click();
      const refusal = offline.locator('[data-testid="ous-actions"] [role="alert"]');
      await refusal.waitFor({ timeout: 10_000 });
      expect(await refusal.getAttribute('data-code')).toBe('INVALID_TRANSITION');
      // The page re-reads the OUS after the refusal: it shows where the OUS is now.
      await expect.poll(() => stateOf(offline)).toBe('PROCESSING');
      expect(await offline.getByTestId('assign-executive').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('offers a viewer no action', async () => {
    const viewerId = 'uid://A001/X1/V1';
    await createOus(viewerId);
    await hub.workflow.ous.apply(viewerId, { kind: 'assignRecipe', recipe: 'PipelineImaging' }, BATCH_HELPER);
    const { page: viewer, close } = await web.isolatedPage();
    try {
      await signIn(viewer, 'viewer', `#/ous/${encodeURIComponent(viewerId)}`);
      await expect.poll(() => stateOf(viewer), { timeout: 10_000 }).toBe('READY_FOR_PROCESSING');
      await expect
        .poll(() => viewer.getByTestId('ous-actions').textContent())
        .toContain('needs the OPERATOR role');
      for (const id of ACTION_IDS) expect(await viewer.getByTestId(id).count(), id).toBe(0);
    } finally {
      await close();
    }
  });

  it('moves between cards with the arrow keys and opens one with Enter', async () => {
    // On the board now: V1 ready for processing; R1 and S1 processing (S1 moved last); the reviewed one verified.
    await page.goto(`${hub.url}/#/workflow`);
    await page.locator('[data-testid="ous-board"][data-loaded="true"]').waitFor({ timeout: 10_000 });
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-ous-id') ?? null);
    await card('uid://A001/X1/V1', 'READY_FOR_PROCESSING').focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('uid://A001/X1/S1');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('uid://A001/X1/R1');
    await page.keyboard.press('ArrowRight'); // over the empty columns, to the next card
    expect(await focused()).toBe(ousId);
    await page.keyboard.press('Enter');
    await page.getByTestId('ous-page').waitFor();
    expect(await page.getByTestId('ous-page').getAttribute('data-ous-id')).toBe(ousId);
  });

  it("says what a move waits for, in the hub's words, and does not offer it", async () => {
    const waiting = 'uid://A001/X1/G1';
    await createOus(waiting);
    await hub.workflow.ous.apply(waiting, { kind: 'assignRecipe', recipe: 'PipelineImaging' }, BATCH_HELPER);
    await hub.workflow.ous.apply(waiting, { kind: 'assignExecutive', executive: Executive.EA }, BATCH_HELPER);
    // Processed without a pipeline report: the review has nothing to look at yet.
    await hub.workflow.ous.apply(waiting, { kind: 'pipelineSucceeded' }, { system: 'pipeline-driver' });
    await page.goto(`${hub.url}/#/ous/${encodeURIComponent(waiting)}`);
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('READY_FOR_REVIEW');
    const note = page.locator('[data-testid="action-waiting"][data-action="START_REVIEW"]');
    await note.waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toContain('no pipeline report to review');
    expect(await page.getByTestId('start-review').count()).toBe(0);
  });
});
