// Issue 12 item 3: a device command a user issues leaves one entry in the hub's audit log
// (ops.audit_entry, what the audit page reads) naming the user, the device, the command, its value
// and the command row that holds its outcome; a call refused before anything is written leaves none.
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

/** Devices that take every command (the wire itself is not what this file is about). */
const obliging: DeviceDispatcher = {
  caen: () => Promise.resolve(),
  chiller: () => Promise.resolve({ confirmed: true, detail: 'read back' }),
};

let h: Harness;
let services: DcsServices;
let schema: GraphQLSchema;
const log = createLogger('dcs-hub-audit', 'silent');

async function exec<T>(role: string, source: string, requestId = randomUUID()) {
  const r = await graphql({
    schema,
    source,
    contextValue: { user: { id: OPERATOR_ID, username: role.toLowerCase(), roles: [role] }, requestId, log },
  });
  return JSON.parse(JSON.stringify(r)) as { data?: T; errors?: { extensions: { code: string } }[] };
}

const entries = () =>
  h.db.auditEntry.findMany({
    where: { kind: 'dcs.command' },
    orderBy: { id: 'asc' },
    select: { actorId: true, kind: true, target: true, detail: true, requestId: true },
  });

beforeAll(async () => {
  h = await startHarness('dcs-hub-audit');
  await seedDcsDemo(h.db);
  services = createDcsServices(h.db, {
    databaseUrl: h.databaseUrl,
    events: h.events,
    log,
    dispatcher: obliging,
  });
  schema = (await buildDcsSchema(services)).schema;
  const channels = (await services.devices.list()).filter((d) => d.kind === 'POWER_SUPPLY_CHANNEL');
  await services.devices.report([
    ...channels.map((c) => ({ id: c.id, state: 'LV_OFF', seenAt: new Date() })),
    { id: 'julabo', state: 'OFF', seenAt: new Date() },
  ]);
});
afterAll(async () => {
  await services?.close();
  await h?.close();
});

describe('device commands in the hub audit log', () => {
  it('records the operator, the device, the command with its value and the command row', async () => {
    const requestId = randomUUID();
    const r = await exec<{ setChillerSetpoint: { accepted: boolean; command: { id: string } } }>(
      'OPERATOR',
      'mutation { setChillerSetpoint(deviceId: "julabo", setpoint: 2, temperature: -12.5) { accepted command { id } } }',
      requestId,
    );
    expect(r.errors).toBeUndefined();
    const commandId = r.data!.setChillerSetpoint.command.id;
    expect(await entries()).toEqual([
      {
        actorId: OPERATOR_ID,
        kind: 'dcs.command',
        target: 'device/julabo',
        detail: { command: 'setChillerSetpoint', args: { setpoint: 2, temperature: -12.5 }, commandId },
        requestId,
      },
    ]);
    const row = await h.db.command.findUniqueOrThrow({ where: { id: commandId } });
    expect(row).toMatchObject({ issuedBy: OPERATOR_ID, status: 'DONE', accepted: true });
  });

  it('records a command its guards refuse too (the row says REFUSED), once', async () => {
    const before = (await entries()).length;
    // The chiller is OFF: stopping it is refused by its FSM after the command row is written.
    const r = await exec('OPERATOR', 'mutation { stopChiller(deviceId: "julabo") { accepted } }');
    expect(r.errors?.[0]?.extensions.code).toBe('INVALID_TRANSITION');
    const refused = await h.db.command.findFirstOrThrow({ where: { kind: 'stopChiller' } });
    expect(refused.status).toBe('REFUSED');
    const rows = await entries();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actorId: OPERATOR_ID,
      target: 'device/julabo',
      detail: { command: 'stopChiller', args: {}, commandId: refused.id },
    });
  });

  it('records nothing for a viewer, nor for an id refused before anything is written', async () => {
    const before = (await entries()).length;
    const viewer = await exec('VIEWER', 'mutation { startChiller(deviceId: "julabo") { accepted } }');
    expect(viewer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const tooLong = await exec(
      'OPERATOR',
      `mutation { startChiller(deviceId: "${'x'.repeat(201)}") { accepted } }`,
    );
    expect(tooLong.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await entries()).toHaveLength(before);
  });
});
