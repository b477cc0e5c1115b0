// The DQM pages in headless Chromium against the whole hub: NectarCAM runs pulled from the results
// simulator (real FITS in real tarballs) and DQM² jobs synced from simulated agents, by the same
// services the workers run (here driven step by step, so the test knows what the hub holds).
import { createLogger } from '@opshub/config';
import { createDqmServices, type DqmServices } from '@opshub/dqm';
import { EventBus } from '@opshub/events';
import { startDqmAgents, type DqmAgents } from '@opshub/simulators/dqm-agent';
import { startNectarcamServer, type NectarcamServer } from '@opshub/simulators/nectarcam';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWebHub } from './web-fixture.js';

const web = useWebHub({ label: 'e2e-dqm-web' });
const SECRET = 'e2e-agent-secret';
let page: Page;
let results: NectarcamServer;
let agents: DqmAgents;
let events: EventBus;
let dqm: DqmServices;
const problems: string[] = [];

beforeAll(async () => {
  page = web.page;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewportSize({ width: 1440, height: 1000 });
  results = await startNectarcamServer({ initialRuns: 3, firstRun: 7000 });
  agents = await startDqmAgents({ secret: SECRET, stepMs: 600_000 });
  // Two and a half runs of twelve lumisections: jobs have finished, crashed (seeded) and moved on.
  const now = Date.now() / 1000;
  for (let ls = 1; ls <= 30; ls++) for (const a of agents.agents) a.machine.step(now + ls * 23.3);
  events = await EventBus.connect(web.hub.redisUrl, web.hub.redisPrefix);
  dqm = createDqmServices(web.hub.db, {
    events,
    log: createLogger('e2e-dqm-web', 'silent'),
    pseudonymKey: 'e2e-dqm-pseudonyms',
  });
  await dqm.nectarcamIngest.ingestGeometry();
  await dqm.nectarcam.addSource(results.url);
  await dqm.nectarcamIngest.pull();
  for (const a of agents.agents) {
    const host = await dqm.square.hosts.add(
      a.cluster === 'production' ? 'PRODUCTION' : 'PLAYBACK',
      a.url,
      SECRET,
    );
    const outcome = await dqm.square.sync.syncHost(host.id);
    expect(outcome.status).toBe('synced');
  }
}, 120_000);

afterAll(async () => {
  await agents?.close();
  await results?.close();
  await events?.close();
});

const rows = () => page.getByTestId('dqm-run-row');

describe('the NectarCAM runs page', () => {
  it('lists the pulled runs and filters them by run range and bad pixels', async () => {
    await web.signIn(page, 'viewer', '#/dqm');
    await page.locator('[data-testid="dqm-runs-page"][data-loaded="true"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => rows().count()).toBe(3);
    expect(await rows().first().getAttribute('data-run')).toBe('7002');
    // Every simulated run has a few bad pixels: the count shown is the stored quantity's.
    const bad = Number(await rows().first().getAttribute('data-bad'));
    expect(bad).toBeGreaterThan(0);

    await page.getByTestId('filter-from').fill('7001');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => rows().count()).toBe(2);
    expect(page.url()).toContain('#/dqm?from=7001');
    // Filtered by the hub (dqmRuns' fromRun): its count is of the range, not of the runs read.
    expect(await page.getByTestId('dqm-runs-timeline').locator('h2').textContent()).toContain('2 of 2 runs');

    await page.getByTestId('filter-bad').check();
    await page.getByTestId('filter-above').fill(String(bad));
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => rows().count()).toBeLessThan(2);
    await page.getByTestId('filter-above').fill('0');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => rows().count()).toBe(2);
  });

  it('shows a run as soon as it is ingested (dqmRunIngested)', async () => {
    results.addRun();
    await dqm.nectarcamIngest.pull();
    await expect.poll(() => rows().first().getAttribute('data-run'), { timeout: 15_000 }).toBe('7003');
  });
});

describe('a run page', () => {
  it('draws the 1855 pixels of the real geometry with the bad ones outlined', async () => {
    await page.goto(`${web.hub.url}/#/dqm/run/NectarCAMQM/7001`);
    const camera = page.locator('[data-testid="dqm-camera"][data-loaded="true"]');
    await camera.waitFor({ timeout: 20_000 });
    const display = page.getByTestId('camera-display');
    expect(await display.getAttribute('data-pixels')).toBe('1855');
    const { dqmRun } = await web.graphql<{ dqmRun: { quantity: { values: number[] } } }>(
      'viewer',
      `{ dqmRun(camera: "NectarCAMQM", runNumber: 7001) {
        quantity(key: "CAMERA-BADPIX-PHY-OVEREVENTS", gain: HIGH) { values } } }`,
    );
    const badIds = dqmRun.quantity.values.flatMap((v, i) => (v ? [i] : []));
    expect(badIds.length).toBeGreaterThan(0);
    expect(await display.getAttribute('data-bad')).toBe(String(badIds.length));
    const outlined = await page
      .getByTestId('bad-pixel')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-pixel'))));
    expect(outlined.sort((a, b) => a - b)).toEqual(badIds);

    await page.locator('svg path[data-pixel="100"]').first().hover();
    await expect.poll(() => page.getByTestId('camera-hover').getAttribute('data-pixel')).toBe('100');
    expect(await page.getByTestId('camera-hover').textContent()).toMatch(/^pixel 100 · \d+(\.\d+)?/);
  });

  it('recolours the camera when the range changes and switches gain', async () => {
    const fill = () => page.locator('svg path[data-pixel="100"]').first().getAttribute('fill');
    // Every value below the range takes the scale's first colour, every value above it the last.
    await page.getByTestId('range-min').fill('1000000');
    await page.getByTestId('range-max').fill('2000000');
    await expect.poll(fill).toBe('rgb(68,1,84)');
    await page.getByTestId('range-min').fill('-2000000');
    await page.getByTestId('range-max').fill('-1000000');
    await expect.poll(fill).toBe('rgb(253,231,37)');
    await page.getByTestId('gain-LOW').click();
    await page
      .locator('[data-testid="dqm-camera"][data-gain="LOW"][data-loaded="true"]')
      .waitFor({ timeout: 15_000 });
  });

  it('plots values, histogram, the waveform band, the bad-pixel timeline and the trigger statistics', async () => {
    await page.locator('[data-testid="dqm-run-details"][data-loaded="true"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('pixel-plot').getAttribute('data-points')).toBe('1855');
    expect(Number(await page.getByTestId('histogram-plot').getAttribute('data-points'))).toBe(50);
    expect(await page.getByTestId('waveform-plot').getAttribute('data-points')).toBe('60');
    expect(await page.getByTestId('timeline-plot').getAttribute('data-points')).toBe('50');
    expect(await page.locator('[data-testid="trigger-stat"][data-field="All"] td').textContent()).toBe(
      '12,000',
    );
    await web.screenshot(page, 'run-page');
  });
});

describe('the DQM² page', () => {
  it('shows the agents, the live job table and a run with its delivery delays', async () => {
    await page.goto(`${web.hub.url}/#/dqm/square`);
    await expect.poll(() => page.getByTestId('dqm-host').count(), { timeout: 15_000 }).toBe(3);
    expect(await page.locator('[data-testid="dqm-host"][data-up="true"]').count()).toBe(3);
    const { dqmJobs } = await web.graphql<{ dqmJobs: { id: string; state: string }[] }>(
      'viewer',
      '{ dqmJobs(cluster: PRODUCTION, first: 1000) { id state } }',
    );
    expect(dqmJobs.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('dqm-job').count(), { timeout: 15_000 })
      .toBe(Math.min(200, dqmJobs.length));
    await page.locator('[data-testid="delivery-plot"]').waitFor({ timeout: 15_000 });

    // A later lumisection synced: the table follows without a reload (dqmJobUpdated).
    const before = await page.getByTestId('dqm-job').first().locator('td').nth(5).textContent();
    for (const m of agents.agents) m.machine.step(Date.now() / 1000 + 31 * 23.3);
    for (const h of await dqm.square.hosts.list('PRODUCTION')) await dqm.square.sync.syncHost(h.id);
    await expect
      .poll(() => page.getByTestId('dqm-job').first().locator('td').nth(5).textContent(), { timeout: 15_000 })
      .not.toBe(before);

    await page.getByTestId('runs-only-bad').check();
    await expect
      .poll(async () => {
        const flags = await page
          .getByTestId('dqm-square-run')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-bad')));
        return flags.length > 0 && flags.every((f) => f === 'true') ? 'only bad' : flags.join(',');
      })
      .toBe('only bad');
  });
});

describe('the control room', () => {
  it('tells a viewer why it is closed', async () => {
    await page.goto(`${web.hub.url}/#/dqm/control`);
    expect(await page.getByTestId('dqm-control-why').textContent()).toContain('open to ADMINs only');
  });

  // The hub runs the dqm subgraph with DQM_PSEUDONYM_KEY (e2e/hub.ts), so actions reach the agents: a refused
  // one shows the hub's reason, a done one its answer and audit id, and the audit card lists both.
  it('offers an admin the agents and actions, refuses bad ones with the reason, and audits a done one', async () => {
    const { page: admin, close } = await web.isolatedPage();
    try {
      await web.signIn(admin, 'admin', '#/dqm/control');
      const host = admin.getByTestId('control-host');
      await host.waitFor();
      const offered = await admin
        .locator('[data-testid="control-host"] option:not([disabled])')
        .allTextContents();
      expect(offered).toHaveLength(6);
      expect(offered.join('|')).toMatch(/^(?:(?:bu|fu)-\d\d · (?:production|playback) · up\|?)+$/);
      expect(await admin.locator('[data-testid="control-action"] option').count()).toBe(10);
      await admin.getByTestId('dqm-control-audit').waitFor();

      const hostOf = (cluster: string) =>
        admin
          .locator('[data-testid="control-host"] option', { hasText: cluster })
          .first()
          .getAttribute('value');
      const startPlayback = async (hostId: string, run: string) => {
        await host.selectOption(hostId);
        await admin.getByTestId('control-action').selectOption('START_PLAYBACK_RUN');
        await admin.getByTestId('control-run').fill(run);
        await admin.getByTestId('control-review').click();
      };
      await startPlayback((await hostOf('production'))!, '12x');
      expect(await admin.getByTestId('control-problem').textContent()).toBe(
        'The run number is a positive integer',
      );
      await admin.getByTestId('control-run').fill('390001');
      await admin.getByTestId('control-review').click();
      expect(await admin.getByTestId('control-confirm').textContent()).toContain('This changes the machine');
      await admin.getByTestId('control-confirm-yes').click();
      const refused = admin.locator('[data-testid="control-result"][data-action="START_PLAYBACK_RUN"]');
      await refused.waitFor();
      expect(await refused.getAttribute('data-ok')).toBe('false');
      expect(await refused.textContent()).toContain('Playback runs start on playback agents only');
      expect(await admin.locator('[role="alert"]').first().getAttribute('data-code')).toBe('BAD_USER_INPUT');

      await startPlayback((await hostOf('playback'))!, '390002');
      await admin.getByTestId('control-confirm-yes').click();
      const done = admin.locator('[data-testid="control-result"][data-ok="true"]');
      await done.waitFor();
      expect(await done.getAttribute('data-action')).toBe('START_PLAYBACK_RUN');
      expect(await done.locator('pre').textContent()).toBe('start_playback_run Ok');
      const auditId = await done.getAttribute('data-audit-id');
      expect(auditId).toMatch(/^\d+$/);
      expect(agents.agents.filter((a) => a.cluster === 'playback').map((a) => a.machine.run)).toContain(
        390_002,
      );

      // The audit, read again after the action: the done call first, the refused one before it.
      const audited = admin.locator(`[data-testid="control-audit-row"][data-id="${auditId}"]`);
      await audited.waitFor({ timeout: 10_000 });
      expect(await audited.getAttribute('data-ok')).toBe('true');
      expect(await audited.textContent()).toContain('run=390002');
      const rows = admin.getByTestId('control-audit-row');
      expect(await rows.first().getAttribute('data-id')).toBe(auditId);
      expect(await rows.nth(1).getAttribute('data-ok')).toBe('false');
      const { controlRoomAudit } = await web.graphql<{
        controlRoomAudit: { edges: { node: { id: string; actor: string; ok: boolean } }[] };
      }>('admin', '{ controlRoomAudit(first: 1) { edges { node { id actor ok } } } }');
      expect(controlRoomAudit.edges[0]!.node).toEqual({ id: auditId, actor: 'admin', ok: true });
      await web.screenshot(admin, 'control-room');
    } finally {
      await close();
    }
  });

  it('logged no browser error on any page', () => {
    expect(problems).toEqual([]);
  });
});
