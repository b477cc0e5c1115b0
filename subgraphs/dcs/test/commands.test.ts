// The command history and M4 for commands: no raw driver or database error in a command's reason,
// and ids checked before anything is written.
import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDcsSchema,
  createDcsServices,
  seedDcsDemo,
  type DcsServices,
  type DeviceDispatcher,
} from '../src/index.js';
import { OPERATOR_ID, startHarness, type Harness } from './harness.js';

const RAW = 'connect ECONNREFUSED 10.0.3.7:5432';
/** A way to the devices that fails as a driver or a database would, with its raw message. */
const failing: DeviceDispatcher = {
  caen: () => Promise.reject(new Error(RAW)),
  chiller: () => Promise.reject(new Error(RAW)),
};

let h: Harness;
let services: DcsServices;
let schema: GraphQLSchema;
const log = createLogger('commands-test', 'silent');

async function exec<T>(source: string, variables: Record<string, unknown> = {}, requestId = randomUUID()) {
  const r = await graphql({
    schema,
    source,
    variableValues: variables,
    contextValue: { user: { id: OPERATOR_ID, username: 'operator', roles: ['OPERATOR'] }, requestId, log },
  });
  return JSON.parse(JSON.stringify(r)) as {
    data?: T;
    errors?: { message: string; extensions: Record<string, unknown> }[];
  };
}

beforeAll(async () => {
  h = await startHarness('dcscommands');
  await seedDcsDemo(h.db);
  services = createDcsServices(h.db, {
    databaseUrl: h.databaseUrl,
    events: h.events,
    log,
    dispatcher: failing,
  });
  schema = (await buildDcsSchema(services)).schema;
  // The supply as its last report left it: every module LV_OFF.
  const channels = (await services.devices.list()).filter((d) => d.kind === 'POWER_SUPPLY_CHANNEL');
  await services.devices.report(channels.map((c) => ({ id: c.id, state: 'LV_OFF', seenAt: new Date() })));
});
afterAll(async () => {
  await services?.close();
  await h?.close();
});

describe('a command that fails unexpectedly', () => {
  it('answers and records a generic reason with the request id, never the raw error', async () => {
    const requestId = randomUUID();
    const r = await exec<{
      switchLowVoltage: { accepted: boolean; reason: string; command: { id: string } };
    }>('mutation { switchLowVoltage(on: true) { accepted reason command { id } } }', {}, requestId);
    expect(r.errors).toBeUndefined();
    const result = r.data!.switchLowVoltage;
    expect(result.accepted).toBe(false);
    expect(result.reason).not.toMatch(/ECONNREFUSED|10\.0\.3\.7|5432/);
    expect(result.reason).toContain(requestId);
    const row = await h.db.command.findUniqueOrThrow({ where: { id: result.command.id } });
    expect(row).toMatchObject({ status: 'FAILED', accepted: false, result: 'failed' });
    expect(row.reason).not.toMatch(/ECONNREFUSED|10\.0\.3\.7/);
    expect(row.notAfter!.getTime() - row.at.getTime()).toBeGreaterThanOrEqual(19_000);
  });
});

describe('ids', () => {
  it('acknowledgeAlarm with 36 dashes is BAD_USER_INPUT, and nothing is written', async () => {
    const before = await h.db.command.count();
    const r = await exec('mutation($id: ID!) { acknowledgeAlarm(id: $id) { accepted reason } }', {
      id: '-'.repeat(36),
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(r.errors?.[0]?.message).not.toMatch(/invalid input syntax/);
    expect(await h.db.command.count()).toBe(before);
  });

  it('a device id of 1 MB is refused before it is written', async () => {
    const before = await h.db.command.count();
    const r = await exec('mutation($id: ID!) { startChiller(deviceId: $id) { accepted } }', {
      id: 'x'.repeat(1 << 20),
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deviceId' });
    expect(await h.db.command.count()).toBe(before);
  });
});

describe('the command history', () => {
  it('lists commands newest first with status, deadline, reason and who, in stable pages', async () => {
    // A refusal (INVALID_TRANSITION: HV from LV_OFF) and an acknowledgement of an unknown alarm (NOT_FOUND).
    expect(
      (await exec('mutation { switchHighVoltage(on: true) { accepted } }')).errors?.[0]?.extensions,
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    const q = `query($after: String, $kind: String, $deviceId: ID) { commands(first: 1, after: $after, kind: $kind, deviceId: $deviceId) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id kind status accepted result reason at notAfter doneAt issuedBy { id } system } } } }`;
    type Page = {
      commands: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: Record<string, unknown> }[];
      };
    };
    const first = await exec<Page>(q);
    expect(first.errors).toBeUndefined();
    const total = await h.db.command.count();
    expect(first.data!.commands.totalCount).toBe(total);
    expect(first.data!.commands.edges[0]!.node).toMatchObject({
      kind: 'switchHighVoltage',
      status: 'REFUSED',
      accepted: false,
      result: 'refused',
      issuedBy: { id: OPERATOR_ID },
      system: null,
    });
    expect(first.data!.commands.edges[0]!.node['reason']).toMatch(/only from LV_ON/);
    expect(first.data!.commands.edges[0]!.node['doneAt']).toEqual(expect.any(String));
    const next = await exec<Page>(q, { after: first.data!.commands.pageInfo.endCursor });
    const ids = [...first.data!.commands.edges, ...next.data!.commands.edges].map((e) => e.node['id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(next.data!.commands.edges[0]!.node).toMatchObject({ kind: 'switchLowVoltage', status: 'FAILED' });

    const byDevice = await exec<Page>(q, { deviceId: 'julabo' });
    expect(byDevice.data!.commands.totalCount).toBe(0);
    const bad = await exec(q, { after: Buffer.from('["x","y"]').toString('base64url') });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
