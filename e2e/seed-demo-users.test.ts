// The demo users of `npm run up` (issue 7, M10): admin, operator and viewer each sign in with their own
// password from .env (the viewer's does not open the admin account); a demo password changed in the
// app survives the next seed while .env keeps the value the seed last applied, and a new .env value
// is applied. The seed refuses to give two demo users the same password.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@opshub/db';
import { createOpsServices, type OpsServices } from '@opshub/ops';
import { createTestDatabase, type TestDatabase } from '@opshub/testing';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

describe('the seed’s demo users', () => {
  let database: TestDatabase;
  let db: Db;
  let ops: OpsServices;
  const passwords = {
    OPSHUB_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
    OPSHUB_OPERATOR_PASSWORD: randomBytes(12).toString('base64url'),
    OPSHUB_VIEWER_PASSWORD: randomBytes(12).toString('base64url'),
  };
  // The seed ships the raw data of its FullyObserved OUSs to the product store: a temporary one here.
  const productRoot = mkdtempSync(path.join(tmpdir(), 'opshub-seed-products-'));

  const seed = (env: Record<string, string>) =>
    run(process.execPath, ['--import', './scripts/register.mjs', 'prisma/seed.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: database.url,
        LOG_LEVEL: 'info',
        WORKFLOW_PRODUCT_ROOT: productRoot,
        ...env,
      },
    });
  const signsIn = async (username: string, password: string): Promise<boolean> =>
    ops.sessions.login(username, password).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    database = await createTestDatabase('seed-demo');
    db = createDb(database.url);
    ops = createOpsServices(db, { sessionTtlHours: 1 });
  });

  afterAll(async () => {
    await db?.$disconnect();
    const u = new URL(database.url);
    rmSync(
      path.join(
        ROOT,
        '.opshub',
        `seed-demo-passwords.${u.hostname}_${u.port || '5432'}_${u.pathname.slice(1)}.json`,
      ),
      {
        force: true,
      },
    );
    rmSync(productRoot, { recursive: true, force: true });
    await database?.drop();
  });

  it('gives each demo user its own password; keeps one changed in the app until .env changes', async () => {
    await seed(passwords);
    expect(await signsIn('admin', passwords.OPSHUB_ADMIN_PASSWORD)).toBe(true);
    expect(await signsIn('operator', passwords.OPSHUB_OPERATOR_PASSWORD)).toBe(true);
    expect(await signsIn('viewer', passwords.OPSHUB_VIEWER_PASSWORD)).toBe(true);
    // Handing someone the viewer login does not hand them admin (the old seed gave all three one password).
    expect(await signsIn('admin', passwords.OPSHUB_VIEWER_PASSWORD)).toBe(false);
    expect(await signsIn('operator', passwords.OPSHUB_ADMIN_PASSWORD)).toBe(false);

    // The admin changes the viewer's password in the app; the next `up` (same .env) keeps it.
    const chosen = `chosen-${randomBytes(8).toString('hex')}`;
    await ops.users.setPassword('viewer', chosen);
    await seed(passwords);
    expect(await signsIn('viewer', chosen)).toBe(true);
    expect(await signsIn('viewer', passwords.OPSHUB_VIEWER_PASSWORD)).toBe(false);

    // .env gets a new value for the viewer: the seed applies it (the printed login is true again).
    const renewed = randomBytes(12).toString('base64url');
    await seed({ ...passwords, OPSHUB_VIEWER_PASSWORD: renewed });
    expect(await signsIn('viewer', renewed)).toBe(true);
    expect(await signsIn('admin', passwords.OPSHUB_ADMIN_PASSWORD)).toBe(true);
  }, 90_000);

  it('makes the broker account (VIEWER+BROKER) the push broker signs in with, when OPSHUB_BROKER_PASSWORD is set', async () => {
    // Without the setting (a .env from before it) the seed goes on without the account.
    expect(await ops.users.findByUsername('broker')).toBeNull();
    const broker = randomBytes(12).toString('base64url');
    await seed({ ...passwords, OPSHUB_BROKER_PASSWORD: broker });
    expect((await ops.users.findByUsername('broker'))?.roles.sort()).toEqual(['BROKER', 'VIEWER']);
    expect(await signsIn('broker', broker)).toBe(true);
    expect(await signsIn('broker', passwords.OPSHUB_VIEWER_PASSWORD)).toBe(false);
    // Its password must differ from the others' too.
    const failed = await seed({ ...passwords, OPSHUB_BROKER_PASSWORD: passwords.OPSHUB_ADMIN_PASSWORD }).then(
      () => undefined,
      (error: { code?: number; stdout?: string }) => error,
    );
    expect(failed?.stdout).toContain('distinct passwords');
  }, 90_000);

  it('refuses demo users that share a password', async () => {
    const failed = await seed({ ...passwords, OPSHUB_VIEWER_PASSWORD: passwords.OPSHUB_ADMIN_PASSWORD }).then(
      () => undefined,
      (error: { code?: number; stdout?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('distinct passwords');
  }, 60_000);
});
