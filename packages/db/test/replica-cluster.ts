// A real streaming replica of the test cluster for the replica tests: `pg_basebackup -R` of the
// primary into a temporary data directory, started with pg_ctl on a free port as the postgres OS user.
// The primary must allow replication connections: when its pg_hba.conf has no trust line for them, one
// is added (`host replication all 127.0.0.1/32 trust`, as .ci/run adds trust for TCP) and the
// configuration reloaded. What cannot be set up without restarting the primary (wal_level, WAL senders)
// is reported as the reason to skip.
import { execFile } from 'node:child_process';
import { access, chown, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { adminUrl, freePort, waitFor } from '@opshub/testing';
import pg from 'pg';

const run = promisify(execFile);

export interface StreamingReplica {
  port: number;
  /** The replica's URL for a database of the cluster. */
  url(database: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the replica and deletes its data directory. */
  remove(): Promise<void>;
}

/** Settings a hot standby must hold at least as high as its primary, or it refuses to start. */
const AT_LEAST_PRIMARY = [
  'max_connections',
  'max_worker_processes',
  'max_wal_senders',
  'max_prepared_transactions',
  'max_locks_per_transaction',
];

export async function startStreamingReplica(): Promise<StreamingReplica | { missing: string }> {
  const primary = new URL(adminUrl());
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const setting = async (name: string): Promise<string> =>
      (await admin.query<{ v: string }>(`SELECT current_setting($1) AS v`, [name])).rows[0]!.v;
    if ((await setting('wal_level')) === 'minimal' || Number(await setting('max_wal_senders')) < 2) {
      return { missing: 'the primary needs wal_level = replica and max_wal_senders >= 2 (a restart)' };
    }
    const bin = `/usr/lib/postgresql/${Math.floor(Number(await setting('server_version_num')) / 10_000)}/bin`;
    if (!(await exists(path.join(bin, 'pg_basebackup')))) return { missing: `${bin}/pg_basebackup` };
    const allowed = await allowReplication(admin, await setting('hba_file'));
    if (allowed !== true) return { missing: allowed };
    const floor: string[] = [];
    for (const name of AT_LEAST_PRIMARY) floor.push(`${name} = ${await setting(name)}`);

    const dir = await mkdtemp(path.join(tmpdir(), 'opshub-replica-'));
    const data = path.join(dir, 'data');
    const port = await freePort();
    await ownedByPostgres(dir);
    const removeDir = () => rm(dir, { recursive: true, force: true });
    await asPostgres(path.join(bin, 'pg_basebackup'), [
      ...['-D', data, '-R', '-X', 'stream', '-c', 'fast'],
      ...['-h', primary.hostname, '-p', primary.port || '5432', '-U', primary.username || 'postgres'],
    ]).catch(async (error: unknown) => {
      await removeDir();
      throw error;
    });
    // Debian keeps the primary's postgresql.conf and pg_hba.conf in /etc: the copy has neither.
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'hot_standby = on',
      'shared_buffers = 32MB',
      ...floor,
    ];
    await writeOwned(path.join(data, 'postgresql.conf'), conf.join('\n') + '\n');
    await writeOwned(
      path.join(data, 'pg_hba.conf'),
      'local all all trust\nhost all all 127.0.0.1/32 trust\n',
    );
    const pgCtl = (args: string[]) => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
    const start = async () => {
      await pgCtl(['-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
    };
    let running = false;
    // A replica that did not start leaves no data directory behind (the log is in the error).
    await start().catch(async (error: unknown) => {
      const log = await readFile(path.join(dir, 'log'), 'utf8').catch(() => '');
      await removeDir();
      throw new Error(`the replica did not start: ${String(error)}\n${log.slice(-2_000)}`);
    });
    running = true;
    return {
      port,
      url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
      start: async () => {
        await start();
        running = true;
      },
      stop: async () => {
        await pgCtl(['-m', 'fast', '-w', 'stop']);
        running = false;
      },
      remove: async () => {
        if (running) await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
        running = false;
        await removeDir();
      },
    };
  } finally {
    await admin.end();
  }
}

/** True once the primary accepts a replication connection from 127.0.0.1, else what is missing. */
async function allowReplication(admin: pg.Client, hbaFile: string): Promise<true | string> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_hba_file_rules
      WHERE 'replication' = ANY(database) AND auth_method = 'trust' AND address = '127.0.0.1'`,
  );
  if (rows[0]!.n === 0) {
    try {
      await access(hbaFile, constants.W_OK);
    } catch {
      return `a "host replication all 127.0.0.1/32 trust" line in ${hbaFile} (not writable here)`;
    }
    const line =
      '# opshub tests: a streaming replica of this cluster (packages/db/test/replica-cluster.ts)\n';
    await writeFile(
      hbaFile,
      `${line}host replication all 127.0.0.1/32 trust\n${await readFile(hbaFile, 'utf8')}`,
    );
    await admin.query('SELECT pg_reload_conf()');
  }
  // The reload is asynchronous: wait until a replication connection is let in.
  await waitFor(async () => {
    // node-postgres passes `replication` on as a startup parameter (its types do not list it).
    const config: pg.ClientConfig & { replication: string } = {
      connectionString: adminUrl(),
      replication: 'database',
    };
    const probe = new pg.Client(config);
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.query('IDENTIFY_SYSTEM');
      return true;
    } catch {
      return false;
    } finally {
      await probe.end().catch(() => undefined);
    }
  }, 'a replication connection to the primary');
  return true;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Postgres runs as the postgres OS user: as root, its tools run as that user (runuser). */
async function asPostgres(command: string, args: string[]): Promise<void> {
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  await run(file, argv, { cwd: tmpdir() });
}

async function postgresIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function ownedByPostgres(file: string): Promise<void> {
  const ids = await postgresIds();
  if (ids) await chown(file, ids.uid, ids.gid);
}

async function writeOwned(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
  await ownedByPostgres(file);
}
