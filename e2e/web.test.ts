// A shifter's first minute: log in in the browser, watch an OUS state change arrive live on the home page.
import { describe, expect, it } from 'vitest';
import { PASSWORD } from './hub.js';
import { useWebHub } from './web-fixture.js';

const web = useWebHub({ label: 'e2e-web' });

describe('the web app', () => {
  it('refuses a wrong password on the page, then logs in', async () => {
    const { page, hub } = web;
    await page.goto(hub.url);
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-username').fill('operator');
    await page.getByTestId('login-password').fill('wrong password!');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-form').textContent(), { timeout: 10_000 })
      .toContain('Wrong username or password');

    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('user-menu').textContent()).toContain('operator');
    await page.getByTestId('health-card').waitFor();
  });

  it('shows an OUS state change live, with the user who made it', async () => {
    const { page } = web;
    await page.getByTestId('ous-feed').waitFor();
    // The feed subscribes when the page opens: create OUSs until one shows, which proves it live.
    const deadline = Date.now() + 15_000;
    let entry = page.locator('[data-testid="ous-feed-entry"]').first();
    let shown = false;
    for (let n = 1; !shown && Date.now() < deadline; n++) {
      const id = `uid://W1/W1/W${n}`;
      await web.graphql(
        'admin',
        'mutation($id: ID!) { createObsUnitSet(programId: "2015.1.00657.S", id: $id) { id } }',
        {
          id,
        },
      );
      entry = page.locator(`[data-testid="ous-feed-entry"][data-ous-id="${id}"]`);
      shown = await entry.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => false,
      );
    }
    expect(shown, 'no OUS appeared in the live feed within 15 s').toBe(true);
    const text = await entry.textContent();
    expect(text).toContain('2015.1.00657.S');
    expect(text).toContain('admin');
    expect(await entry.getAttribute('data-to')).toMatch(/READY_FOR_PROCESSING|ReadyForProcessing/);
  });
});
