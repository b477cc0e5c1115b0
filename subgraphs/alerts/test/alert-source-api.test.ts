import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('alert-source-api');
});
afterAll(async () => {
  await h?.close();
});

const ADD = `mutation($url: String!) { addAlertSource(url: $url) { id url name cursor batches alerts lastError } }`;
const LIST = `{ alertSources { id url name cursor failures backoffUntil } }`;
const REMOVE = `mutation($id: ID!) { removeAlertSource(id: $id) }`;

const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }): unknown =>
  r.errors?.[0]?.extensions?.['code'];

describe('alert sources through GraphQL', () => {
  it('lets only an admin list, add and remove sources', async () => {
    for (const role of ['VIEWER', 'OPERATOR'] as const) {
      expect(code(await h.exec(ADD, { url: 'http://127.0.0.1:9/' }, role)), role).toBe('FORBIDDEN');
      expect(code(await h.exec(LIST, {}, role)), role).toBe('FORBIDDEN');
      expect(code(await h.exec(REMOVE, { id: '1' }, role)), role).toBe('FORBIDDEN');
    }
    expect(code(await h.exec(LIST, {}, 'anonymous'))).toBe('UNAUTHENTICATED');
    expect(await h.db.alertSource.count()).toBe(0);
  });

  it('registers a source once per URL, normalised, and removes it', async () => {
    const added = await h.exec<{ addAlertSource: { id: string; url: string; name: string } }>(
      ADD,
      { url: 'http://alerts.example.org:8080/stream#top' },
      'ADMIN',
    );
    expect(added.errors).toBeUndefined();
    expect(added.data!.addAlertSource).toEqual({
      id: expect.stringMatching(/^\d+$/),
      url: 'http://alerts.example.org:8080/stream/',
      name: 'alerts.example.org:8080/stream',
      cursor: null,
      batches: 0,
      alerts: 0,
      lastError: null,
    });
    const again = await h.exec<{ addAlertSource: { id: string } }>(
      ADD,
      { url: 'http://alerts.example.org:8080/stream/' },
      'ADMIN',
    );
    expect(again.data!.addAlertSource.id).toBe(added.data!.addAlertSource.id);
    const list = await h.exec<{ alertSources: { url: string }[] }>(LIST, {}, 'ADMIN');
    expect(list.data!.alertSources.map((s) => s.url)).toEqual(['http://alerts.example.org:8080/stream/']);

    const id = added.data!.addAlertSource.id;
    expect((await h.exec(REMOVE, { id }, 'ADMIN')).data).toEqual({ removeAlertSource: true });
    expect((await h.exec(REMOVE, { id }, 'ADMIN')).data).toEqual({ removeAlertSource: false });
    expect(code(await h.exec(REMOVE, { id: 'x' }, 'ADMIN'))).toBe('BAD_USER_INPUT');
  });

  it('refuses what is not an http(s) URL without credentials or query', async () => {
    for (const url of ['not a url', 'ftp://host/x/', 'http://user:pw@host/', 'http://host/b?after=1'])
      expect(code(await h.exec(ADD, { url }, 'ADMIN')), url).toBe('BAD_USER_INPUT');
    expect(await h.db.alertSource.count()).toBe(0);
  });
});
