// The DCS page in headless Chromium against the whole hub with the simulated stand: the Julabo on a
// real pty polled by the dcs workers, CAEN and ESP boards on MQTT. An operator sees HV refused up front
// with the interlock's reason while the chiller is off, sets 30 °C, starts the chiller and watches
// the live bath temperature climb toward it. The bath is made fast here only (τ 20 s at 5× speed).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, launchChromium } from './browser.js';
import { startHubDcsStand, type HubDcsStand } from './dcs-stand.js';
import { PASSWORD, startHub, type Hub } from './hub.js';

let hub: Hub;
let dcs: HubDcsStand;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureWebBuild();
  hub = await startHub({ label: 'e2e-dcs-web', web: true, dcsCommands: true });
  dcs = await startHubDcsStand(hub, { julabo: { initialTemp: 20, timeConstantSeconds: 20, speed: 5 } });
  browser = await launchChromium();
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await dcs?.stop();
  await hub?.stop();
});

const row = (id: string) => page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);
const temperature = async (): Promise<number> =>
  Number(await page.getByTestId('chiller-temperature').getAttribute('data-value'));

describe('the DCS page', () => {
  it('shows the stand live with the chiller OFF', async () => {
    await page.goto(`${hub.url}/#/dcs`);
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
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
});
