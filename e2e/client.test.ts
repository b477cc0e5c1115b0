// The typed client (@opshub/client) against a live gateway, as a script uses it: login, a query, a
// mutation, a subscription resumed after the last eventId it saw, and the hub's errors as HubError codes.
// (Its automatic resume across a subgraph restart: e2e/faults/client-resume.test.ts.)
import {
  CreateObsUnitSetDocument,
  createHubClient,
  HubError,
  login,
  LogoutDocument,
  MeDocument,
  ObsUnitSetsDocument,
  OusStateChangedDocument,
  type HubClient,
} from '@opshub/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHub, type Hub } from './hub.js';

const PROGRAM = '2019.1.01234.S';
const ousId = (n: number): string => `uid://K1/K1/X${n.toString(16)}`;

let hub: Hub;
let admin: HubClient;
let token: string;

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-client' });
});

afterAll(async () => {
  await admin?.close();
  await hub?.stop();
});

/** Thrown HubError of `promise` (fails the test when it resolves). */
async function hubErrorOf(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => new Error('expected a HubError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

describe('the typed client against a live gateway', () => {
  it('logs in, reads me, and reports a wrong password as UNAUTHENTICATED', async () => {
    const session = await login(hub.url, 'admin', PASSWORD);
    expect(session.user).toMatchObject({ username: 'admin', roles: ['ADMIN'] });
    token = session.token;
    admin = createHubClient({ url: hub.graphqlUrl, token });
    expect((await admin.query(MeDocument)).me).toMatchObject({ username: 'admin', roles: ['ADMIN'] });
    expect((await hubErrorOf(login(hub.url, 'admin', 'not-the-password-at-all'))).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('creates OUSs with a mutation and pages them with a query', async () => {
    const created = await admin.mutate(CreateObsUnitSetDocument, { programId: PROGRAM, id: ousId(0) });
    expect(created.createObsUnitSet).toMatchObject({ id: ousId(0), state: 'READY_FOR_PROCESSING' });
    await admin.mutate(CreateObsUnitSetDocument, { programId: PROGRAM, id: ousId(1) });
    const first = await admin.query(ObsUnitSetsDocument, { programId: PROGRAM, first: 1 });
    expect(first.obsUnitSets.totalCount).toBe(2);
    expect(first.obsUnitSets.pageInfo.hasNextPage).toBe(true);
    const rest = await admin.query(ObsUnitSetsDocument, {
      programId: PROGRAM,
      first: 10,
      after: first.obsUnitSets.pageInfo.endCursor,
    });
    const ids = [...first.obsUnitSets.edges, ...rest.obsUnitSets.edges].map((e) => e.node.id).sort();
    expect(ids).toEqual([ousId(0), ousId(1)]);

    const again = await hubErrorOf(
      admin.mutate(CreateObsUnitSetDocument, { programId: PROGRAM, id: ousId(0) }),
    );
    expect(again.code).toBe('CONFLICT');
    const viewer = createHubClient({ url: hub.url, token: await hub.token('viewer') });
    const refused = await hubErrorOf(
      viewer.mutate(CreateObsUnitSetDocument, { programId: PROGRAM, id: ousId(9) }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    await viewer.close();
  });

  it('subscribes, and a new subscription resumes after the last eventId it saw, missing nothing', async () => {
    // Live first: create OUSs until the subscription has seen one (it may not be live at once).
    const seen: { id: string; eventId: string }[] = [];
    let failure: unknown;
    const live = (async () => {
      try {
        for await (const { ousStateChanged: e } of admin.subscribe(OusStateChangedDocument, {
          programId: PROGRAM,
        })) {
          seen.push({ id: e.ous.id, eventId: e.eventId });
          break;
        }
      } catch (error) {
        failure = error;
      }
    })();
    const made: string[] = [];
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && failure === undefined && Date.now() < deadline) {
      const id = ousId(10 + made.length);
      await admin.mutate(CreateObsUnitSetDocument, { programId: PROGRAM, id });
      made.push(id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await live;
    expect(failure).toBeUndefined();
    const last = seen[0]!;
    const createdAfter = made.slice(made.indexOf(last.id) + 1);

    // While no one listens: two more creations.
    for (const id of [ousId(100), ousId(101)]) {
      await admin.mutate(CreateObsUnitSetDocument, { programId: PROGRAM, id });
      createdAfter.push(id);
    }

    const replayed: string[] = [];
    for await (const { ousStateChanged: e } of admin.subscribe(OusStateChangedDocument, {
      programId: PROGRAM,
      after: last.eventId,
    })) {
      expect(e.transition).toMatchObject({
        from: null,
        to: 'READY_FOR_PROCESSING',
        actor: { username: 'admin' },
      });
      replayed.push(e.ous.id);
      if (e.ous.id === ousId(101)) break;
    }
    expect(replayed).toEqual(createdAfter);
  });

  it('logs out: the token no longer authenticates', async () => {
    expect((await admin.mutate(LogoutDocument, { token })).logout).toBe(true);
    const after = createHubClient({ url: hub.url, token });
    // The gateway may answer from its token cache for a moment (revocations reach it over Redis).
    const deadline = Date.now() + 10_000;
    let outcome: unknown;
    do {
      outcome = await after.query(MeDocument).then(
        (r) => r.me,
        (e: unknown) => e,
      );
      if (outcome instanceof HubError || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (outcome !== null);
    expect(outcome instanceof HubError ? outcome.code : outcome).toBe('UNAUTHENTICATED');
    await after.close();
  });
});
