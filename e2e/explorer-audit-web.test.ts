// Issue 12 (items 2 and 3) in headless Chromium against the whole hub, with every request to a host
// other than the hub's refused (a facility network without internet): the GraphQL explorer loads from
// the hub alone, runs a query and a live subscription, opens the schema's docs; a browser's GET /graphql
// lands on it. The audit page shows who did what, filtered, live, and exports the filtered log as CSV.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWebHub } from './web-fixture.js';

const web = useWebHub({ label: 'e2e-explorer-audit' });
let page: Page;
const blocked: string[] = [];
const problems: string[] = [];

/** Refuses every request that would leave the hub, and remembers what it was. */
async function offline(p: Page): Promise<void> {
  const hub = new URL(web.hub.url);
  await p.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.host === hub.host || url.protocol === 'data:' || url.protocol === 'blob:')
      return route.continue();
    blocked.push(url.href);
    return route.abort('internetdisconnected');
  });
}

/** The text Monaco shows in the response pane (its visible lines). */
async function responseText(p: Page): Promise<string> {
  return (await p.locator('.graphiql-response .view-lines').textContent())?.replace(/\u00a0/g, ' ') ?? '';
}

async function toggleQueue(pause: boolean): Promise<void> {
  await web.graphql(
    'admin',
    `mutation { ${pause ? 'pauseQueue' : 'resumeQueue'}(name: "maintenance") { name paused } }`,
  );
}

beforeAll(async () => {
  page = web.page;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewportSize({ width: 1440, height: 1000 });
  await offline(page);
});

afterAll(() => {
  const shown = problems.filter((p) => !p.includes('Content Security Policy'));
  if (shown.length) console.error(`browser errors:\n${shown.join('\n')}`);
});

describe('the explorer, offline', () => {
  it('is where a browser opening GET /graphql is sent; API requests are not redirected', async () => {
    const html = await fetch(web.hub.graphqlUrl, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(html.status).toBe(302);
    expect(html.headers.get('location')).toBe('/#/explorer');
    const get = await fetch(`${web.hub.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      redirect: 'manual',
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the API schema to signed-in users only (docs where introspection is off)', async () => {
    const schemaUrl = `${web.hub.url}/api/schema.graphql`;
    expect((await fetch(schemaUrl)).status).toBe(401);
    const sdl = await fetch(schemaUrl, {
      headers: { authorization: `Bearer ${await web.hub.token('viewer')}` },
    });
    expect(sdl.status).toBe(200);
    const text = await sdl.text();
    expect(text).toContain('auditEntryAdded(');
    expect(text).not.toContain('@join__');
  });

  it('loads from the hub alone, runs a query with the session applied, and opens the docs', async () => {
    await web.signIn(page, 'admin');
    await page.goto(`${web.hub.graphqlUrl}`);
    expect(page.url()).toBe(`${web.hub.url}/#/explorer`);
    await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
    // A first visit's tabs: the first example of each domain, ops' "who am I" first.
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 30_000 }).toBe(5);
    // The editor lays its lines out one below the other (its inline styles are not refused).
    const lines = page.locator('.graphiql-query-editor .view-line');
    await expect.poll(() => lines.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const tops = await lines.evaluateAll((all) => all.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(tops.length);
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => responseText(page), { timeout: 30_000 }).toContain('"username": "admin"');

    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await expect.poll(() => docs.textContent(), { timeout: 30_000 }).toContain('subscription');
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(() => docs.textContent()).toContain('auditLog');
  });

  it('runs a subscription from the examples and shows a live event', async () => {
    await page.getByTestId('explorer-example').selectOption('Audited actions as they happen (ADMIN)');
    await page.locator('.graphiql-container').waitFor();
    await expect
      .poll(async () => (await page.locator('.graphiql-tab-active').textContent()) ?? '', { timeout: 30_000 })
      .toContain('AuditLive');
    await page.locator('.graphiql-execute-button').click();
    // The subscription is open once it runs; each pause is an audited action it must show.
    let paused = false;
    await expect
      .poll(
        async () => {
          paused = !paused;
          await toggleQueue(paused);
          return responseText(page);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/"kind": "queue\.(pause|resume)"/);
    expect(await responseText(page)).toContain('"username": "admin"');
    expect(blocked).toEqual([]);
  });
});

describe('the audit page', () => {
  it('shows who did what, live, filtered by entity, and exports the filtered log as CSV', async () => {
    await page.goto(`${web.hub.url}/#/audit?kind=queue.`);
    await page.getByTestId('audit-table').waitFor({ timeout: 20_000 });
    // The explorer test's pauses and resumes of maintenance, newest first.
    await expect
      .poll(() => page.locator('[data-testid="audit-row"]').first().getAttribute('data-kind'), {
        timeout: 20_000,
      })
      .toMatch(/^queue\.(pause|resume)$/);
    await page.getByTestId('audit-entity').fill('queue:workflow-recipe');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => page.url()).toContain('entity=queue%3Aworkflow-recipe');
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toContain('0 entries');

    // Live: an action on the filtered entity appears without a reload, with its actor.
    await web.graphql('admin', 'mutation { pauseQueue(name: "workflow-recipe") { paused } }');
    const row = page.locator('[data-testid="audit-row"][data-kind="queue.pause"]');
    await row.first().waitFor({ timeout: 20_000 });
    expect(await row.first().textContent()).toContain('admin');
    expect(await row.first().textContent()).toContain('queue:workflow-recipe');
    await web.graphql('admin', 'mutation { resumeQueue(name: "workflow-recipe") { paused } }');
    await page.locator('[data-testid="audit-row"][data-kind="queue.resume"]').waitFor({ timeout: 20_000 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^opshub-audit-.*\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    expect(csv[0]).toBe('id,at,actor,actorId,kind,target,detail,requestId');
    expect(csv.slice(1, -1).map((l) => l.split(',').slice(4, 6))).toEqual([
      ['queue.resume', 'queue:workflow-recipe'],
      ['queue.pause', 'queue:workflow-recipe'],
    ]);
    expect(blocked).toEqual([]);
  });

  it('is refused to a viewer: no page, no link, no export', async () => {
    const { page: viewerPage, close } = await web.isolatedPage();
    try {
      await web.signIn(viewerPage, 'viewer', '#/audit');
      await viewerPage.getByTestId('audit-refused').waitFor();
      expect(await viewerPage.getByTestId('nav-audit').count()).toBe(0);
    } finally {
      await close();
    }
    const exportUrl = `${web.hub.url}/audit/export.csv`;
    const asViewer = await fetch(exportUrl, {
      headers: { authorization: `Bearer ${await web.hub.token('viewer')}` },
    });
    expect(asViewer.status).toBe(403);
    expect(await asViewer.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect((await fetch(exportUrl)).status).toBe(401);
  });
});
