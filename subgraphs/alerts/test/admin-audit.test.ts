// The alerts domain's admin actions in the hub's audit log (issue 9): addAlertSource,
// removeAlertSource, addBrokerSource and removeBrokerSource each leave one entry naming the admin,
// the source and the outcome; a refused call (not an admin, bad input) leaves none.
import { HARNESS_USER_ID } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('alerts-admin-audit');
});
afterAll(async () => {
  await h?.close();
});

const entries = () =>
  h.db.auditEntry.findMany({
    where: { kind: { startsWith: 'alerts.' } },
    orderBy: { id: 'asc' },
    select: { actorId: true, kind: true, target: true, detail: true, requestId: true },
  });

describe('alerts admin actions in the audit log', () => {
  it('records adding and removing an alert source and a broker source, with who and what', async () => {
    const added = await h.exec<{ addAlertSource: { id: string } }>(
      `mutation { addAlertSource(url: "http://alerts.example.org/stream") { id } }`,
      {},
      'ADMIN',
    );
    const alertId = added.data!.addAlertSource.id;
    const broker = await h.exec<{ addBrokerSource: { id: string } }>(
      `mutation { addBrokerSource(url: "http://broker.example.org/records", name: "Fink") { id } }`,
      {},
      'ADMIN',
    );
    const brokerId = broker.data!.addBrokerSource.id;
    await h.exec(`mutation($id: ID!) { removeAlertSource(id: $id) }`, { id: alertId }, 'ADMIN');
    await h.exec(`mutation($id: ID!) { removeBrokerSource(id: $id) }`, { id: brokerId }, 'ADMIN');
    // Removing what is gone is audited too, with its outcome.
    await h.exec(`mutation($id: ID!) { removeBrokerSource(id: $id) }`, { id: brokerId }, 'ADMIN');

    const rows = await entries();
    expect(rows.map(({ requestId, ...r }) => (expect(requestId).toMatch(/^[0-9a-f-]{36}$/), r))).toEqual([
      {
        actorId: HARNESS_USER_ID,
        kind: 'alerts.alert-source-add',
        target: `alert-source/${alertId}`,
        detail: { url: 'http://alerts.example.org/stream/' },
      },
      {
        actorId: HARNESS_USER_ID,
        kind: 'alerts.broker-source-add',
        target: `broker-source/${brokerId}`,
        detail: { url: 'http://broker.example.org/records', name: 'Fink' },
      },
      {
        actorId: HARNESS_USER_ID,
        kind: 'alerts.alert-source-remove',
        target: `alert-source/${alertId}`,
        detail: { removed: true },
      },
      {
        actorId: HARNESS_USER_ID,
        kind: 'alerts.broker-source-remove',
        target: `broker-source/${brokerId}`,
        detail: { removed: true },
      },
      {
        actorId: HARNESS_USER_ID,
        kind: 'alerts.broker-source-remove',
        target: `broker-source/${brokerId}`,
        detail: { removed: false },
      },
    ]);
  });

  it('records nothing for a refused call, nor for a registration without a caller (the workers at start)', async () => {
    const before = (await entries()).length;
    const refused = await h.exec(
      `mutation { addAlertSource(url: "http://x.example.org/") { id } }`,
      {},
      'OPERATOR',
    );
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const bad = await h.exec(`mutation { addBrokerSource(url: "ftp://x/", name: "n") { id } }`, {}, 'ADMIN');
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    await h.services.alertSources.add('http://settings.example.org/');
    await h.services.brokerSources.add('http://settings.example.org/b', 'simulated broker');
    expect((await entries()).length).toBe(before);
  });
});
