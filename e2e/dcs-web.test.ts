// The DCS page in headless Chromium against the whole hub with the simulated stand: the Julabo on a
// real pty polled by the dcs workers, CAEN and ESP boards on MQTT. An operator sees HV refused up front
// with the interlock's reason while the chiller is off, sets 30 °C, starts the chiller and watches
// the live bath temperature climb toward it. The bath is made fast here only (τ 20 s at 5× speed).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubDcsStand, type HubDcsStand } from './dcs-stand.js';
import { useWebHub } from './web-fixture.js';

const web = useWebHub({ label: 'e2e-dcs-web', dcsCommands: true });
let dcs: HubDcsStand;
let page: Page;

beforeAll(async () => {
  page = web.page;
  dcs = await startHubDcsStand(web.hub, { julabo: { initialTemp: 20, timeConstantSeconds: 20, speed: 5 } });
}, 60_000);

// Registered after the fixture's: runs before the hub stops.
afterAll(async () => {
  await dcs?.stop();
});

const row = (id: string) => page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);
const temperature = async (): Promise<number> =>
  Number(await page.getByTestId('chiller-temperature').getAttribute('data-value'));

describe('the DCS page', () => {
  it('shows the stand live with the chiller OFF', async () => {
    await web.signIn(page, 'operator', '#/dcs');
    await page.locator('[data-testid="dcs-page"][data-loaded="true"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('device-row').count()).toBe(12);
    await expect.poll(() => row('julabo').getAttribute('data-state'), { timeout: 15_000 }).toBe('OFF');
    await expect
      .poll(() => row('module-1/lv').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('LV_OFF');
    await expect.poll(temperature, { timeout: 10_000 }).toBeGreaterThan(15);
    await page
      .locator('[data-testid="reading-chart"][data-device-id="julabo"][data-loaded="true"]')
      .waitFor();
  });

  it('keeps HV disabled with the interlock reason while the chiller is off', async () => {
    const hv = page.getByTestId('switch-hv');
    expect(await hv.isDisabled()).toBe(true);
    await page.getByTestId('switch-lv').click();
    await expect
      .poll(() => page.getByTestId('supply-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('LV_ON');
    // Now only the interlock stands in the way, and the page says which.
    expect(await hv.isDisabled()).toBe(true);
    await expect
      .poll(() => page.getByTestId('switch-hv-reason').textContent(), { timeout: 10_000 })
      .toBe('HV is interlocked: chiller julabo is OFF, not ON');
    expect(await page.getByTestId('chiller-stop').isDisabled()).toBe(true);
  });

  it('sets 30 °C, starts the chiller and shows the temperature moving toward it', async () => {
    const before = await temperature();
    expect(before).toBeLessThan(25);

    // Out of range: refused in the form, nothing sent.
    await page.getByTestId('chiller-setpoint-input').fill('80');
    await page.getByTestId('chiller-setpoint-submit').click();
    await page.getByText('between −50 and 50 °C').waitFor();
    expect(dcs.stand.julabo.model.setpoints[0]).not.toBe(80);

    await page.getByTestId('chiller-setpoint-input').fill('30');
    await page.getByTestId('chiller-setpoint-submit').click();
    await page.getByText('Setpoint 30 °C confirmed').waitFor({ timeout: 25_000 });
    await expect
      .poll(() => page.getByTestId('chiller-setpoint').textContent(), { timeout: 10_000 })
      .toBe('30.00 °C');

    await page.getByTestId('chiller-start').click();
    await page.getByText('Chiller started').waitFor({ timeout: 25_000 });
    await expect.poll(() => row('julabo').getAttribute('data-state'), { timeout: 10_000 }).toBe('ON');
    expect(await page.getByTestId('chiller-start').isDisabled()).toBe(true);

    // Rising live (readingAdded), never past the setpoint, and close to it within the deadline.
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          seen.push(await temperature());
          return seen.at(-1)!;
        },
        { timeout: 45_000, interval: 500 },
      )
      .toBeGreaterThan(28);
    expect(new Set(seen).size, 'the temperature never changed on the page').toBeGreaterThan(2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(30.05);
    expect(
      Number(
        await page
          .locator('[data-testid="reading-chart"][data-device-id="julabo"]')
          .getAttribute('data-points'),
      ),
    ).toBeGreaterThan(0);
  }, 120_000);

  it("shows a device's command history on its page: who, what, when and the result", async () => {
    await page
      .getByTestId('device-link')
      .filter({ hasText: /^julabo$/ })
      .click();
    await page.locator('[data-testid="device-page"][data-loaded="true"]').waitFor({ timeout: 10_000 });
    const kinds = await page
      .getByTestId('device-command')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    // Newest first: the start, then the setpoint (the out-of-range one never left the form).
    expect(kinds).toEqual(['startChiller', 'setChillerSetpoint']);
    const start = page.getByTestId('device-command').first();
    expect(await start.getAttribute('data-status')).toBe('DONE');
    expect(await start.textContent()).toContain('operator');
  });

  it('offers a viewer no command, with the reason from the hub', async () => {
    const { page: viewer, close } = await web.isolatedPage();
    try {
      await web.signIn(viewer, 'viewer', '#/dcs');
      await viewer.locator('[data-testid="dcs-page"][data-loaded="true"]').waitFor({ timeout: 15_000 });
      // The chiller is ON now: stop is what an operator could do, and what the role forbids here.
      expect(await viewer.getByTestId('chiller-stop').isDisabled()).toBe(true);
      await expect
        .poll(() => viewer.getByTestId('chiller-controls').textContent(), { timeout: 10_000 })
        .toContain('needs the OPERATOR role');
      for (const id of ['chiller-start', 'chiller-setpoint-submit', 'switch-lv', 'switch-hv']) {
        expect(await viewer.getByTestId(id).isDisabled(), id).toBe(true);
      }
    } finally {
      await close();
    }
  });
});
