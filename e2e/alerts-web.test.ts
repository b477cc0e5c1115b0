// The alerts pages in headless Chromium against the whole hub: alerts from the simulated alert stream
// (Avro batches with their truth) and a simulated broker's classifications of them, taken in by the
// same services the workers run (here driven step by step, so the test knows what the hub holds).
import { readFile } from 'node:fs/promises';
import { createAlertsServices, type AlertsServices } from '@opshub/alerts';
import { createLogger } from '@opshub/config';
import { EventBus } from '@opshub/events';
import { startAlertStreamServer, type AlertStreamServer } from '@opshub/simulators/alert-stream';
import { startPullBroker, type PullBroker } from '@opshub/simulators/brokers';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWebHub } from './web-fixture.js';

const web = useWebHub({ label: 'e2e-alerts-web' });
let page: Page;
let stream: AlertStreamServer;
let broker: PullBroker;
let events: EventBus;
let alerts: AlertsServices;
let sourceId: string;
const problems: string[] = [];

interface ObjectFacts {
  id: string;
  ra: number;
  decl: number;
  nDetections: number;
  lightCurve: { points: { filterName: string; forced: boolean }[] };
  classifications: { classifierId: string; classId: number }[];
  truth: { classId: number | null; className: string | null } | null;
}

/** The object with the most detections, as the hub answers for it. */
async function busiestObject(): Promise<ObjectFacts> {
  const { diaObjects } = await web.graphql<{
    diaObjects: { edges: { node: { id: string; nDetections: number } }[] };
  }>(
    'viewer',
    '{ diaObjects(first: 500, filter: { minDetections: 3 }) { edges { node { id nDetections } } } }',
  );
  const best = diaObjects.edges.map((e) => e.node).sort((a, b) => b.nDetections - a.nDetections)[0]!;
  const { diaObject } = await web.graphql<{ diaObject: ObjectFacts }>(
    'viewer',
    `query ($id: ID!) { diaObject(id: $id) { id ra decl nDetections
      lightCurve { points { filterName forced } }
      classifications { classifierId classId }
      truth { classId className } } }`,
    { id: best.id },
  );
  return diaObject;
}

beforeAll(async () => {
  page = web.page;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewportSize({ width: 1440, height: 1000 });
  stream = await startAlertStreamServer({ initialBatches: 12, population: 12, seed: 11 });
  broker = await startPullBroker({ streamUrl: stream.url, seed: 4 });
  events = await EventBus.connect(web.hub.redisUrl, web.hub.redisPrefix);
  alerts = createAlertsServices(web.hub.db, {
    databaseUrl: web.hub.databaseUrl,
    events,
    log: createLogger('e2e-alerts-web', 'silent'),
  });
  sourceId = (await alerts.alertSources.add(stream.url)).id;
  const pulled = await alerts.alertSources.pull(sourceId);
  expect(pulled.status).toBe('pulled');
  expect(await broker.follow()).toBeGreaterThan(0);
  const source = await alerts.brokerSources.add(broker.url, 'simulated pull broker');
  const outcome = await alerts.brokerSources.pull(source.id);
  expect(outcome.loaded).toBeGreaterThan(0);
}, 120_000);

afterAll(async () => {
  await alerts?.close();
  await broker?.close();
  await stream?.close();
  await events?.close();
});

describe('object search', () => {
  it('finds an object by id, by a cone around it and by its detections, each linking to its page', async () => {
    const object = await busiestObject();
    await web.signIn(page, 'viewer', `#/alerts?id=${object.id}`);
    const row = page.locator(`[data-testid="object-row"][data-id="${object.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    // 64-bit ids beyond 2^53 are shown digit for digit.
    expect(await row.locator('a').textContent()).toBe(object.id);

    await page.getByTestId('search-id').fill('');
    await page.getByTestId('search-ra').fill(String(object.ra));
    await page.getByTestId('search-dec').fill(String(object.decl));
    await page.getByTestId('search-radius').fill('2');
    await page.getByTestId('search-apply').click();
    await page.locator('[data-testid="alerts-search-page"][data-mode="cone"]').waitFor();
    await expect.poll(() => page.getByTestId('object-row').first().getAttribute('data-id')).toBe(object.id);

    await page.getByTestId('search-ra').fill('');
    await page.getByTestId('search-apply').click();
    expect(await page.getByTestId('search-problem').textContent()).toBe('A cone needs ra, dec and a radius');
    await page.getByTestId('search-dec').fill('');
    await page.getByTestId('search-radius').fill('');
    await page.getByTestId('search-mindet').fill(String(object.nDetections));
    await page.getByTestId('search-apply').click();
    expect(page.url()).toContain(`#/alerts?mindet=${object.nDetections}`);
    await expect
      .poll(() => page.locator(`[data-testid="object-row"][data-id="${object.id}"]`).count())
      .toBe(1);
    const shown = await page
      .getByTestId('object-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const { diaObjects } = await web.graphql<{ diaObjects: { totalCount: number } }>(
      'viewer',
      `{ diaObjects(filter: { minDetections: ${object.nDetections} }) { totalCount } }`,
    );
    expect(shown).toHaveLength(Math.min(50, diaObjects.totalCount));
    await page.locator(`[data-testid="object-row"][data-id="${object.id}"] a`).click();
    await page
      .locator(`[data-testid="alerts-object-page"][data-id="${object.id}"][data-loaded="true"]`)
      .waitFor();
  });
});

describe('the object page', () => {
  it('draws every point per band, lists the classifications and shows the truth', async () => {
    const object = await busiestObject();
    await page.goto(`${web.hub.url}/#/alerts/object/${object.id}`);
    await page.locator('[data-testid="alerts-object-page"][data-loaded="true"]').waitFor({ timeout: 15_000 });
    const plot = page.getByTestId('light-curve-plot');
    expect(Number(await plot.getAttribute('data-points'))).toBe(object.lightCurve.points.length);
    expect(await plot.locator('canvas').count()).toBeGreaterThan(0);
    const expected = new Map<string, { detections: number; forced: number }>();
    for (const p of object.lightCurve.points) {
      const b = expected.get(p.filterName) ?? { detections: 0, forced: 0 };
      if (p.forced) b.forced++;
      else b.detections++;
      expected.set(p.filterName, b);
    }
    const bands = await page.getByTestId('lc-band').evaluateAll((els) =>
      els.map((e) => [
        e.getAttribute('data-band'),
        {
          detections: Number(e.getAttribute('data-detections')),
          forced: Number(e.getAttribute('data-forced')),
        },
      ]),
    );
    expect(new Map(bands as [string, { detections: number; forced: number }][])).toEqual(expected);
    expect([...expected.values()].some((b) => b.forced > 0)).toBe(true);

    const classifiers = new Set(object.classifications.map((c) => c.classifierId));
    expect(classifiers.size).toBeGreaterThan(0);
    expect(await page.getByTestId('latest-classification').count()).toBe(classifiers.size);
    expect(await page.getByTestId('classifier-history').count()).toBe(classifiers.size);
    expect(await page.getByTestId('classification-message').count()).toBeGreaterThan(0);

    expect(object.truth?.className).toBeTruthy();
    const truth = page.getByTestId('object-truth');
    expect(await truth.getAttribute('data-class')).toBe(String(object.truth!.classId));
    expect(await truth.textContent()).toContain(object.truth!.className!);
    expect(await page.getByTestId('object-spectra').textContent()).toContain(
      'none wanted, planned or reported',
    );
    await web.screenshot(page, 'alerts-object');
  });
});

describe('the live feed', () => {
  /** Alert ids of the batches taken since the page opened. */
  const sent = new Set<string>();
  /** One more step of the survey taken in by the hub (and classified by the broker). */
  async function nextBatch(): Promise<void> {
    const { batch } = await stream.addBatch();
    for (const a of batch.alerts) sent.add(String(a['alertId']));
    await alerts.alertSources.pull(sourceId);
    await broker.follow();
    for (const source of await alerts.brokerSources.list()) await alerts.brokerSources.pull(source.id);
  }
  const feed = () =>
    page.getByTestId('live-alert').evaluateAll((els) => els.map((e) => e.getAttribute('data-alert')!));

  it('shows new alerts as they are stored, and only the classifications that pass the filter', async () => {
    await page.goto(`${web.hub.url}/#/alerts/live`);
    await page
      .locator('[data-testid="alerts-live-page"][data-socket="connected"]')
      .waitFor({ timeout: 15_000 });
    // The subscription starts a moment after the socket is up: a batch stored before it is not
    // replayed, so each look that finds the feed empty takes one more batch in. Every row shown
    // must be an alert stored after the page opened.
    await expect
      .poll(
        async () => {
          const shown = await feed();
          if (shown.length === 0) await nextBatch();
          return shown.length > 0 && shown.every((id) => sent.has(id));
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    await page.getByTestId('live-minprob').fill('0.5');
    await page.getByTestId('live-apply').click();
    await expect
      .poll(
        async () => {
          const n = await page.getByTestId('live-classification').count();
          if (n === 0) await nextBatch();
          return n;
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    const probabilities = await page
      .locator('[data-testid="live-classification"] td.num')
      .evaluateAll((els) => els.map((e) => Number(e.textContent)));
    expect(probabilities.length).toBeGreaterThan(0);
    expect(probabilities.every((p) => p >= 0.5)).toBe(true);
    await web.screenshot(page, 'alerts-live');
  });
});

describe('the broker page', () => {
  it('lists each classifier with its figures and plots completeness and delay', async () => {
    await page.goto(`${web.hub.url}/#/alerts/brokers`);
    await page
      .locator('[data-testid="alerts-brokers-page"][data-loaded="true"]')
      .waitFor({ timeout: 15_000 });
    const { brokerFigures } = await web.graphql<{
      brokerFigures: { classifier: { id: string }; messages: number }[];
    }>('viewer', '{ brokerFigures { classifier { id } messages } }');
    expect(brokerFigures.length).toBeGreaterThan(0);
    expect(await page.getByTestId('broker-figure').count()).toBe(brokerFigures.length);
    expect(await page.getByTestId('completeness-plot').getAttribute('data-points')).toBe(
      String(brokerFigures.length),
    );
    expect(await page.getByTestId('delay-plot').getAttribute('data-points')).toBe(
      String(brokerFigures.length),
    );
  });
});

describe('the SQL console', () => {
  it('tells a viewer why it is closed', async () => {
    await page.goto(`${web.hub.url}/#/alerts/sql`);
    expect(await page.getByTestId('sql-refused').textContent()).toContain('SQL role');
  });

  it('runs a query for an admin, refuses a write with its reason, and runs a submitted query into files', async () => {
    const { page: admin, close } = await web.isolatedPage();
    admin.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    admin.on('pageerror', (e) => problems.push(e.message));
    try {
      await web.signIn(admin, 'admin', '#/alerts/sql');
      const editor = admin.getByTestId('sql-editor');
      await editor.fill('SELECT dia_object_id, n_detections FROM alerts.dia_object ORDER BY dia_object_id');
      await admin.getByTestId('sql-run-now').click();
      const { diaObjects } = await web.graphql<{
        diaObjects: { totalCount: number; edges: { node: { id: string } }[] };
      }>('admin', '{ diaObjects(first: 1) { totalCount edges { node { id } } } }');
      await expect.poll(() => admin.getByTestId('sql-row').count()).toBe(diaObjects.totalCount);
      expect(await admin.getByTestId('sql-row').first().locator('td').first().textContent()).toBe(
        diaObjects.edges[0]!.node.id,
      );

      await editor.fill('DELETE FROM alerts.dia_object');
      await admin.getByTestId('sql-run-now').click();
      const refusal = admin.locator('[data-testid="sql-error"] [role="alert"]');
      await refusal.waitFor();
      expect(await refusal.getAttribute('data-code')).toBe('FORBIDDEN');
      expect((await refusal.textContent())!.toLowerCase()).toMatch(/read|write|select/);

      await editor.fill('SELECT dia_object_id FROM alerts.dia_object ORDER BY dia_object_id LIMIT 3');
      await admin.getByTestId('sql-submit').click();
      const run = admin.getByTestId('sql-run').first();
      await run.waitFor();
      const runId = (await run.getAttribute('data-run'))!;
      // No workers in this hub: the test runs the job the workers would (sqlRunUpdated shows it).
      await alerts.sql.execute(runId);
      await admin
        .locator(`[data-testid="sql-run"][data-run="${runId}"][data-state="SUCCEEDED"]`)
        .waitFor({ timeout: 15_000 });
      const [download] = await Promise.all([
        admin.waitForEvent('download'),
        admin.locator(`[data-testid="sql-run"][data-run="${runId}"] [data-testid="sql-run-csv"]`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`sqlrun-${runId}.csv`);
      const csv = (await readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/);
      expect(csv).toHaveLength(4);
      expect(csv[1]).toBe(diaObjects.edges[0]!.node.id);
      await web.screenshot(admin, 'alerts-sql');
    } finally {
      await close();
    }
  });

  it('logged no browser error on any page', () => {
    expect(problems).toEqual([]);
  });
});
