// What a reviewer checks in the production files, without a Docker engine (there is none here):
// the compose file's shape (least privilege: per-service settings, networks, ports, limits), the
// broker's config, the database roles (run against the test Postgres), Redis' password (run on a
// private redis-server), the secrets script, the Dockerfile's stages and user. When apt's
// docker-compose (v1) is installed, compose itself validates the file too.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deriveInternalKey } from '@opshub/auth';
import { envSchema, loadEnv, SUBGRAPHS as SUBGRAPH_LIST, type EnvKey } from '@opshub/config';
import { GATEWAY_KEYS } from '@opshub/gateway';
import { SUBGRAPH_BASE_KEYS } from '@opshub/subgraph-kit';
import { adminUrl, createTestDatabase, freePort } from '@opshub/testing';
import { identitiesFile, mosquittoAcl } from '@opshub/simulators/mosquitto-files';
import { HUB_BRIDGE, HUB_COMMANDS, standIdentities } from '@opshub/simulators/mqtt-identities';

const DOCKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.dirname(DOCKER);

interface Service {
  image?: string;
  build?: { target?: string };
  command?: string[] | string;
  ports?: string[];
  environment?: Record<string, string>;
  networks?: string[];
  mem_limit?: string;
  pids_limit?: number;
  cap_drop?: string[];
  logging?: { driver?: string; options?: Record<string, string> };
  env_file?: string | string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  volumes?: string[];
}

const composeText = readFileSync(path.join(DOCKER, 'compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  volumes?: object;
  networks?: Record<string, { internal?: boolean } | null>;
  name?: string;
};
const services = compose.services;
const dockerfile = readFileSync(path.join(DOCKER, 'Dockerfile'), 'utf8');
const SUBGRAPHS = SUBGRAPH_LIST.map((s) => s.name);
const APPS = ['gateway', ...SUBGRAPHS, 'workers'];
const sourceDir = (app: string): string =>
  path.join(ROOT, app === 'gateway' || app === 'workers' ? app : `subgraphs/${app}`, 'src');

/**
 * Every setting the process's own code reads: the gateway's GATEWAY_KEYS (each subgraph's settings
 * come from the list), else every setting named in a quoted key of its source (the key lists its
 * `loadEnv` validates).
 */
function settingsRead(app: string): Set<string> {
  if (app === 'gateway') return new Set(GATEWAY_KEYS);
  // Every subgraph reads the kit's base settings (startSubgraph) besides those its own source names.
  const keys = new Set<string>(SUBGRAPH_LIST.some((s) => s.name === app) ? SUBGRAPH_BASE_KEYS : []);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(file))
        for (const key of readFileSync(file, 'utf8').matchAll(/'([A-Z0-9_]+)'/g))
          if (key[1]! in envSchema) keys.add(key[1]!);
    }
  };
  walk(sourceDir(app));
  return keys;
}

/** `${VAR:-default}`, `${VAR:?message}` and `${VAR}` as compose interpolates them from `vars`. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_m, key: string, op?: string, arg?: string) => {
      const value = vars[key];
      if (value) return value;
      if (op === '-') return arg ?? '';
      throw new Error(`compose would stop: ${key} is not set (${arg ?? ''})`);
    },
  );
}

function readEnvText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Runs docker/generate-secrets.sh into a fresh directory; returns the env file's path and values. */
function generateSecrets(): { dir: string; file: string; vars: Record<string, string> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opshub-secrets-'));
  cpSync(DOCKER, path.join(dir, 'docker'), { recursive: true, filter: (src) => !src.endsWith('/.env') });
  execFileSync('sh', [path.join(dir, 'docker', 'generate-secrets.sh')], { stdio: 'pipe' });
  const file = path.join(dir, 'docker', '.env');
  return { dir, file, vars: readEnvText(readFileSync(file, 'utf8')) };
}

const composeBinary = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!composeBinary)
  console.warn(
    'docker-compose is not on PATH: skipping `docker-compose config` (apt-get install -y docker-compose)',
  );

describe('docker/compose.yml', () => {
  it('has the services, with v1-compatible top-level keys', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['proxy', 'mosquitto', 'postgres', 'redis', 'migrate', 'prometheus', ...APPS].sort(),
    );
    expect(compose.name).toBeUndefined();
    // The list and the tree agree: every subgraphs/<name> workspace is in SUBGRAPHS and the other way round.
    expect(
      readdirSync(path.join(ROOT, 'subgraphs'))
        .filter((d) => existsSync(path.join(ROOT, 'subgraphs', d, 'package.json')))
        .sort(),
    ).toEqual([...SUBGRAPHS].sort());
  });

  it('runs Postgres 15 and Redis 7 on volumes; Redis with AOF, noeviction and a maxmemory', () => {
    expect(services['postgres']!.image).toMatch(/^postgres:15(@sha256:[0-9a-f]{64})?$/);
    expect(services['postgres']!.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    const redis = services['redis']!;
    expect(redis.image).toMatch(/^redis:7(@sha256:[0-9a-f]{64})?$/);
    const cmd = (redis.command as string[]).join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
    expect(cmd).toMatch(/--maxmemory \$\{REDIS_MAXMEMORY:-\d+mb\}/);
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
    // The limit leaves room above maxmemory for the AOF rewrite's fork.
    expect(parseInt(redis.mem_limit ?? '0', 10) * 1024).toBeGreaterThan(512 * 1.5);
  });

  const MOSQUITTO = path.join(DOCKER, 'mosquitto');
  const conf = readFileSync(path.join(MOSQUITTO, 'mosquitto.conf'), 'utf8');
  const confLines = conf.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  // The settings holding the identities' passwords, once each (a workers process's own identity,
  // opshub-bridge-1 …, shares its family's).
  const identityKeys = [
    ...new Set(
      readFileSync(path.join(MOSQUITTO, 'identities'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => l.split(/\s+/)[1]!),
    ),
  ];

  it('runs Mosquitto 2 from start.sh with one password per identity and the ACL, no anonymous access', () => {
    const mosquitto = services['mosquitto']!;
    expect(mosquitto.image).toBe('eclipse-mosquitto:2');
    expect(mosquitto.command).toEqual(['sh', '/mosquitto/config/start.sh']);
    for (const [file, target] of [
      ['mosquitto.conf', 'mosquitto.conf'],
      ['acl', 'acl'],
      ['identities', 'identities'],
      ['start.sh', 'start.sh'],
    ])
      expect(mosquitto.volumes).toContain(`./mosquitto/${file}:/mosquitto/config/${target}:ro`);
    expect(mosquitto.volumes?.some((v) => v.endsWith(':/mosquitto/certs:ro'))).toBe(true);
    expect(confLines).toContain('allow_anonymous false');
    expect(conf).not.toMatch(/^allow_anonymous true/m);
    expect(confLines).toContain('password_file /mosquitto/data/passwd');
    expect(confLines).toContain('acl_file /mosquitto/config/acl');
    expect(identityKeys).toEqual(expect.arrayContaining(['MQTT_BRIDGE_PASSWORD', 'MQTT_COMMANDS_PASSWORD']));
    expect(Object.keys(mosquitto.environment ?? {}).sort()).toEqual([...identityKeys].sort());
    for (const key of identityKeys) expect(composeText).toContain(`\${${key}:?`);
    expect(JSON.stringify(mosquitto.healthcheck?.test)).toContain('-u health');
  });

  it('start.sh refuses to start the broker while an identity has no password, naming the settings', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'opshub-mosquitto-start-'));
    try {
      for (const d of ['config', 'data']) cpSync(MOSQUITTO, path.join(home, d), { recursive: true });
      const run = spawnSync('sh', [path.join(MOSQUITTO, 'start.sh')], {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'], MOSQUITTO_HOME: home, MQTT_BRIDGE_PASSWORD: 'only-this-one' },
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(identityKeys.filter((k) => k !== 'MQTT_BRIDGE_PASSWORD').join(' '));
      expect(existsSync(path.join(home, 'data', 'passwd'))).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('listens with TLS on 8883 and in plaintext only on the container loopback; caps message size', () => {
    const listeners = confLines.filter((l) => l.startsWith('listener '));
    expect(listeners).toEqual(['listener 8883', 'listener 1883 127.0.0.1']);
    // Listener options before the first listener would open mosquitto's default plaintext listener.
    expect(
      confLines.findIndex((l) => /^(certfile|keyfile|use_username_as_clientid) /.test(l)),
    ).toBeGreaterThan(confLines.indexOf('listener 8883'));
    expect(confLines).toEqual(
      expect.arrayContaining([
        'certfile /mosquitto/tls/server.crt',
        'keyfile /mosquitto/tls/server.key',
        'message_size_limit 65536',
      ]),
    );
    expect(confLines.filter((l) => l === 'use_username_as_clientid true')).toHaveLength(2);
    expect(Number(/^max_packet_size (\d+)$/m.exec(conf)?.[1])).toBeLessThanOrEqual(128 * 1024);
    expect(Number(/^max_inflight_messages (\d+)$/m.exec(conf)?.[1])).toBeGreaterThanOrEqual(1000);
    expect(services['mosquitto']!.ports).toBeUndefined();
  });

  it('ships the ACL and identity list generated from simulators/src/mqtt (the dev broker enforces the same)', () => {
    const identities = standIdentities();
    expect(readFileSync(path.join(MOSQUITTO, 'acl'), 'utf8')).toBe(mosquittoAcl(identities));
    expect(readFileSync(path.join(MOSQUITTO, 'identities'), 'utf8')).toBe(identitiesFile(identities));
    const hub = loadEnv(['MQTT_BRIDGE_USERNAME', 'MQTT_COMMANDS_USERNAME'], {});
    expect([hub.MQTT_BRIDGE_USERNAME, hub.MQTT_COMMANDS_USERNAME]).toEqual([HUB_BRIDGE, HUB_COMMANDS]);
  });

  it('gives the workers, and only them, the broker over TLS with their two identities', () => {
    const env = services['workers']!.environment ?? {};
    expect(env['MQTT_URL']).toBe('mqtts://mosquitto:8883');
    expect(services['workers']!.volumes).toContain(
      `\${MQTT_CERTS_DIR:-./mosquitto/certs}/ca.crt:${env['MQTT_CA_FILE']}:ro`,
    );
    expect(env['MQTT_BRIDGE_PASSWORD']).toBe('${MQTT_BRIDGE_PASSWORD:?run docker/mosquitto/passwords.sh}');
    expect(env['MQTT_COMMANDS_PASSWORD']).toBe(
      '${MQTT_COMMANDS_PASSWORD:?run docker/mosquitto/passwords.sh}',
    );
    for (const name of APPS.filter((a) => a !== 'workers'))
      expect(
        Object.keys(services[name]!.environment ?? {}).filter((k) => k.startsWith('MQTT_')),
        name,
      ).toEqual([]);
  });

  it('publishes only the TLS proxy (443, 80 for the redirect); the gateway on the host loopback at most', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual(['gateway', 'prometheus', 'proxy']);
    expect(services['proxy']!.ports).toEqual([
      '${OPSHUB_HTTPS_PUBLISH:-443}:443',
      '${OPSHUB_HTTP_PUBLISH:-80}:80',
    ]);
    for (const port of [...services['gateway']!.ports!, ...services['prometheus']!.ports!])
      expect(port).toMatch(/^127\.0\.0\.1:/);
    const caddyfile = readFileSync(path.join(DOCKER, 'caddy', 'Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/^\s*reverse_proxy gateway:4000\b/m);
    expect(caddyfile).toMatch(/^\s*tls \{\$OPSHUB_TLS:internal\}$/m);
    expect(caddyfile).toMatch(/^\s*admin 127\.0\.0\.1:2019$/m);
    expect(services['proxy']!.volumes).toContain('./caddy/Caddyfile:/etc/caddy/Caddyfile:ro');
    // Behind the proxy: the gateway believes its X-Forwarded-* (client address, https for HSTS).
    expect(services['gateway']!.environment?.['GATEWAY_TRUSTED_PROXIES']).toBe('private');
  });

  it('keeps the subgraphs, data stores and workers on an internal-only network; the gateway bridges', () => {
    expect(compose.networks?.['internal']?.internal).toBe(true);
    expect(compose.networks?.['edge']?.internal).toBeFalsy();
    for (const name of [...SUBGRAPHS, 'workers', 'migrate', 'postgres', 'redis'])
      expect(services[name]!.networks, name).toEqual(['internal']);
    expect(services['gateway']!.networks?.sort()).toEqual(['edge', 'internal']);
    expect(services['proxy']!.networks).toEqual(['edge']);
    expect(services['mosquitto']!.networks).toEqual(['internal', 'devices']);
    // Inside their containers the subgraphs listen on every interface of the one internal network.
    for (const name of SUBGRAPHS)
      expect(services[name]!.environment?.['SUBGRAPH_HOST'], name).toBe('0.0.0.0');
  });

  it('caps memory and processes of every service; the apps run without capabilities', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.mem_limit, name).toMatch(/^\d+[mg]$/);
      expect(s.pids_limit, name).toBeGreaterThan(0);
    }
    for (const name of [...APPS, 'migrate']) expect(services[name]!.cap_drop, name).toEqual(['ALL']);
  });

  it('rotates every container log (M9: nothing grows without bound)', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.logging?.driver, name).toBe('json-file');
      expect(s.logging?.options?.['max-size'], name).toMatch(/^\d+m$/);
      expect(Number(s.logging?.options?.['max-file']), name).toBeGreaterThan(0);
    }
  });

  it('gives every service a healthcheck or waits on its dependencies by condition', () => {
    for (const [name, s] of Object.entries(services)) {
      const conditions = Object.values(s.depends_on ?? {});
      const waits = conditions.length > 0 && conditions.every((d) => typeof d.condition === 'string');
      expect(Boolean(s.healthcheck?.test) || waits, `${name} has neither`).toBe(true);
    }
    for (const name of [...SUBGRAPHS, 'gateway', 'postgres', 'redis', 'mosquitto']) {
      expect(services[name]!.healthcheck?.test, name).toBeDefined();
    }
    expect(services['gateway']!.depends_on).toMatchObject(
      Object.fromEntries(SUBGRAPHS.map((s) => [s, { condition: 'service_healthy' }])),
    );
  });

  it('migrates once before the apps start, and restarts the long-running services', () => {
    expect(services['migrate']!.restart).toBe('no');
    expect(services['migrate']!.build?.target).toBe('migrate');
    for (const name of APPS) {
      expect(services[name]!.depends_on?.['migrate']?.condition, name).toBe('service_completed_successfully');
      expect(services[name]!.restart, name).toBe('unless-stopped');
    }
    for (const name of ['postgres', 'redis', 'mosquitto'])
      expect(services[name]!.restart, name).toBe('unless-stopped');
  });

  it('runs each app from the one image, with its entry file, and no shared env file', () => {
    for (const name of APPS) {
      const s = services[name]!;
      const entry =
        name === 'gateway' || name === 'workers' ? `${name}/src/main.ts` : `subgraphs/${name}/src/main.ts`;
      // The workers decode alert files: a young generation for a chunk of them (workers/README.md, "Memory").
      const flags = name === 'workers' ? ['--max-semi-space-size=32'] : [];
      expect(s.command).toEqual(['node', ...flags, '--import', '@swc-node/register/esm-register', entry]);
      expect(s.image).toBe(services['gateway']!.image);
    }
    for (const [name, s] of Object.entries(services)) expect(s.env_file, name).toBeUndefined();
    for (const name of SUBGRAPHS) {
      expect(services['gateway']!.environment?.[`${name.toUpperCase()}_SUBGRAPH_URL`]).toMatch(
        new RegExp(`^http://${name}:\\d+/graphql$`),
      );
    }
  });

  it('keeps secrets out of the file: every secret is a required ${…:?} from docker/.env', () => {
    for (const key of [
      'POSTGRES_PASSWORD',
      'OPSHUB_DB_APP_PASSWORD',
      'REDIS_PASSWORD',
      'MQTT_BRIDGE_PASSWORD',
    ])
      expect(composeText).toContain(`\${${key}:?`);
    expect(composeText).toContain('OPSHUB_SECRET: ${OPSHUB_SECRET:?');
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it.skipIf(!composeBinary)('is valid for docker-compose config', () => {
    const { dir } = generateSecrets();
    try {
      execFileSync('docker-compose', ['-f', path.join(dir, 'docker', 'compose.yml'), 'config', '-q'], {
        stdio: 'pipe',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('least privilege: each container gets its own settings only (M8)', () => {
  const env = (name: string): Record<string, string> => services[name]!.environment ?? {};
  const SECRETS = /PASSWORD|SECRET|_KEY$/;

  it('gives each app only settings its own code reads', () => {
    for (const name of APPS) {
      const read = settingsRead(name);
      const extra = Object.keys(env(name)).filter((k) => k !== 'NODE_ENV' && !read.has(k));
      expect(extra, `${name} gets settings it never reads`).toEqual([]);
    }
  });

  it('the gateway: its signing secret and Redis; no database, no MQTT password', () => {
    const gateway = env('gateway');
    expect(gateway['OPSHUB_SECRET']).toBe('${OPSHUB_SECRET:?run docker/generate-secrets.sh}');
    expect(gateway['REDIS_URL']).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/);
    expect(Object.keys(gateway).filter((k) => /DATABASE|MQTT|PASSWORD/.test(k))).toEqual([]);
    // Inside its container the gateway listens on every interface (compose says so explicitly);
    // outside one, the default is the loopback (M10: `npm run up` does not serve the network).
    expect(gateway['GATEWAY_HOST']).toBe('0.0.0.0');
    expect(loadEnv(['GATEWAY_HOST', 'SUBGRAPH_HOST'], {})).toEqual({
      GATEWAY_HOST: '127.0.0.1',
      SUBGRAPH_HOST: '127.0.0.1',
    });
  });

  it('each subgraph: the app role, its own verification key, Redis only where its code uses it', () => {
    for (const name of SUBGRAPHS) {
      const e = env(name);
      expect(e['OPSHUB_SECRET'], name).toBe(
        `\${OPSHUB_${name.toUpperCase()}_KEY:?run docker/generate-secrets.sh}`,
      );
      expect(e['DATABASE_URL'], name).toMatch(/^postgresql:\/\/opshub_app:\$\{OPSHUB_DB_APP_PASSWORD:\?/);
      expect('REDIS_URL' in e, name).toBe(settingsRead(name).has('REDIS_URL'));
      expect(
        Object.keys(e).filter((k) => k.startsWith('MQTT_')),
        name,
      ).toEqual([]);
    }
  });

  it('the workers: database, Redis, their two MQTT identities and the DQM² pseudonyms key; no signing secret or key', () => {
    const workers = env('workers');
    expect(workers['DATABASE_URL']).toMatch(/^postgresql:\/\/opshub_app:/);
    expect(workers['REDIS_URL']).toContain('${REDIS_PASSWORD:?');
    expect(
      Object.keys(workers)
        .filter((k) => SECRETS.test(k))
        .sort(),
    ).toEqual(['DQM_PSEUDONYM_KEY', 'MQTT_BRIDGE_PASSWORD', 'MQTT_COMMANDS_PASSWORD']);
    expect(Object.keys(workers).some((k) => k.startsWith('OPSHUB_'))).toBe(false);
  });

  it('the alerts SQL runs: one volume for the workers that write them and the subgraph that serves them; optional sources and replica', () => {
    const dir = env('workers')['ALERTS_SQL_RESULTS_DIR'];
    expect(dir).toBe('/var/lib/opshub-sql-runs');
    expect(env('alerts')['ALERTS_SQL_RESULTS_DIR']).toBe(dir);
    for (const name of ['alerts', 'workers'])
      expect(services[name]!.volumes, name).toContain(`sqlruns:${dir}`);
    const sharing = Object.entries(services).filter(([, s]) =>
      (s.volumes ?? []).some((v) => v.startsWith('sqlruns:')),
    );
    expect(sharing.map(([n]) => n).sort()).toEqual(['alerts', 'workers']);
    // The image makes the mount point, owned by the process's user, so the fresh volume is writable.
    expect(readFileSync(path.join(DOCKER, 'Dockerfile'), 'utf8')).toMatch(
      /chown node:node [^\n]*\/var\/lib\/opshub-sql-runs/,
    );
    // Unset in docker/.env, each is empty, which every process reads as not set (no validation error).
    expect(env('workers')['ALERT_SOURCE_URL']).toBe('${ALERT_SOURCE_URL:-}');
    expect(env('workers')['BROKER_SOURCE_URL']).toBe('${BROKER_SOURCE_URL:-}');
    for (const name of SUBGRAPHS)
      expect(env(name)['DATABASE_REPLICA_URL'], name).toBe('${DATABASE_REPLICA_URL:-}');
    expect(
      loadEnv(['DATABASE_REPLICA_URL', 'ALERT_SOURCE_URL', 'BROKER_SOURCE_URL'], {
        DATABASE_REPLICA_URL: '',
        ALERT_SOURCE_URL: '',
        BROKER_SOURCE_URL: '',
      }),
    ).toEqual({ DATABASE_REPLICA_URL: undefined, ALERT_SOURCE_URL: undefined, BROKER_SOURCE_URL: undefined });
  });

  it('no process connects to Postgres as the cluster superuser; only migrate as the schema owner', () => {
    const urls = Object.entries(services).flatMap(([name, s]) =>
      Object.entries(s.environment ?? {})
        .filter(([k]) => k === 'DATABASE_URL')
        .map(([, url]) => [name, /^postgresql:\/\/([^:]+):/.exec(url)?.[1]] as const),
    );
    expect(Object.fromEntries(urls)).toEqual({
      migrate: 'opshub_owner',
      ...Object.fromEntries([...SUBGRAPHS, 'workers'].map((n) => [n, 'opshub_app'])),
    });
    // The superuser's password goes to the postgres container alone (its initdb and init script).
    for (const [name, s] of Object.entries(services))
      if (name !== 'postgres')
        expect(JSON.stringify(s.environment ?? {}), name).not.toContain('POSTGRES_PASSWORD');
    expect(env('postgres')['POSTGRES_USER']).toBe('postgres');
    expect(services['postgres']!.volumes).toContain('./postgres/init:/docker-entrypoint-initdb.d:ro');
  });

  it('with generated secrets, every container starts under production validation', () => {
    const { dir, vars } = generateSecrets();
    try {
      for (const name of APPS) {
        const resolved = Object.fromEntries(
          Object.entries(env(name)).map(([k, v]) => [k, interpolate(String(v), vars)]),
        );
        const keys = Object.keys(resolved).filter((k): k is EnvKey => k in envSchema);
        expect(() => loadEnv(keys, { ...resolved, NODE_ENV: 'production' }), name).not.toThrow();
      }
      // …and a copied env.example (secrets empty) stops compose before anything starts.
      const example = readEnvText(readFileSync(path.join(DOCKER, 'env.example'), 'utf8'));
      expect(() => interpolate(composeText, example)).toThrow(/POSTGRES_PASSWORD|is not set/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docker/generate-secrets.sh', () => {
  it('writes docker/.env (0600) with every secret compose requires, random, and keys derived for each subgraph', () => {
    const first = generateSecrets();
    const second = generateSecrets();
    try {
      expect(statSync(first.file).mode & 0o777).toBe(0o600);
      const required = new Set([...composeText.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]!));
      for (const key of required) expect(first.vars[key], key).toMatch(/^\S{32,}$/);
      for (const key of ['POSTGRES_PASSWORD', 'OPSHUB_DB_APP_PASSWORD', 'REDIS_PASSWORD', 'OPSHUB_SECRET'])
        expect(first.vars[key], key).not.toBe(second.vars[key]);
      for (const name of SUBGRAPHS)
        expect(first.vars[`OPSHUB_${name.toUpperCase()}_KEY`], name).toBe(
          deriveInternalKey(first.vars['OPSHUB_SECRET']!, name),
        );
      // No placeholder anywhere in env.example: its secrets are empty.
      const example = readFileSync(path.join(DOCKER, 'env.example'), 'utf8');
      expect(example).not.toMatch(/change-?me/i);
      for (const key of required) expect(example).not.toMatch(new RegExp(`^${key}=.`, 'm'));
    } finally {
      rmSync(first.dir, { recursive: true, force: true });
      rmSync(second.dir, { recursive: true, force: true });
    }
  });

  it('keeps what is set, replaces a placeholder OPSHUB_SECRET and derives the keys again', () => {
    const { dir, file, vars } = generateSecrets();
    try {
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          /^OPSHUB_SECRET=.*$/m,
          'OPSHUB_SECRET=change-me-to-a-long-random-string',
        ),
      );
      execFileSync('sh', [path.join(dir, 'docker', 'generate-secrets.sh')], { stdio: 'pipe' });
      const again = readEnvText(readFileSync(file, 'utf8'));
      expect(again['REDIS_PASSWORD']).toBe(vars['REDIS_PASSWORD']);
      expect(again['MQTT_BRIDGE_PASSWORD']).toBe(vars['MQTT_BRIDGE_PASSWORD']);
      expect(again['OPSHUB_SECRET']).toMatch(/^[0-9a-f]{64}$/);
      expect(again['OPSHUB_OPS_KEY']).toBe(deriveInternalKey(again['OPSHUB_SECRET']!, 'ops'));
      expect(readFileSync(file, 'utf8').match(/^OPSHUB_SECRET=/gm)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docker/postgres/init: the database roles', () => {
  const script = path.join(DOCKER, 'postgres', 'init', '10-opshub-roles.sh');
  const schemas = SUBGRAPHS;

  function runInit(database: string, owner: string, app: string): void {
    const admin = new URL(adminUrl());
    execFileSync('sh', [script], {
      stdio: 'pipe',
      env: {
        PATH: process.env['PATH'],
        PGHOST: admin.hostname,
        PGPORT: admin.port || '5432',
        ...(admin.password ? { PGPASSWORD: decodeURIComponent(admin.password) } : {}),
        POSTGRES_USER: decodeURIComponent(admin.username) || 'postgres',
        POSTGRES_DB: database,
        OPSHUB_DB_OWNER: owner,
        OPSHUB_DB_APP: app,
        OPSHUB_DB_OWNER_PASSWORD: randomBytes(24).toString('hex'),
        OPSHUB_DB_APP_PASSWORD: randomBytes(24).toString('hex'),
      },
    });
  }

  const as = (database: string, role: string): pg.Client => {
    const url = new URL(adminUrl());
    url.username = role;
    url.pathname = `/${database}`;
    return new pg.Client({ connectionString: url.toString() });
  };

  /** The app role can read and write every table and nothing more; the owner owns it all. */
  async function checkPrivileges(database: string, owner: string, app: string): Promise<void> {
    const admin = as(database, decodeURIComponent(new URL(adminUrl()).username) || 'postgres');
    await admin.connect();
    try {
      const roles = await admin.query<{
        rolname: string;
        rolsuper: boolean;
        rolcreatedb: boolean;
        rolcreaterole: boolean;
      }>('SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = ANY($1)', [
        [owner, app],
      ]);
      expect(roles.rows.map((r) => [r.rolsuper, r.rolcreatedb, r.rolcreaterole])).toEqual([
        [false, false, false],
        [false, false, false],
      ]);
      const tables = await admin.query<{ name: string; owner: string; dml: boolean; other: boolean }>(
        `SELECT n.nspname || '.' || c.relname AS name, pg_get_userbyid(c.relowner) AS owner,
                has_table_privilege($2, c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS dml,
                has_table_privilege($2, c.oid, 'TRUNCATE') OR has_table_privilege($2, c.oid, 'REFERENCES')
                  OR has_table_privilege($2, c.oid, 'TRIGGER') AS other
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')`,
        [schemas, app],
      );
      expect(tables.rows.length).toBeGreaterThan(15);
      for (const t of tables.rows)
        expect([t.name, t.owner, t.dml, t.other]).toEqual([t.name, owner, true, false]);
      const db = await admin.query<{ create: boolean; temp: boolean; connect: boolean; dbowner: string }>(
        `SELECT has_database_privilege($1, current_database(), 'CREATE') AS create,
                has_database_privilege($1, current_database(), 'TEMP') AS temp,
                has_database_privilege($1, current_database(), 'CONNECT') AS connect,
                (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS dbowner`,
        [app],
      );
      expect(db.rows[0]).toEqual({ create: false, temp: false, connect: true, dbowner: owner });
    } finally {
      await admin.end();
    }
    // What the app does at run time works; DDL, TRUNCATE and temporary tables do not.
    const client = as(database, app);
    await client.connect();
    try {
      await client.query(
        `INSERT INTO ops."user" (id, username, password_hash, roles) VALUES (gen_random_uuid(), 'roles-check', 'x', '{VIEWER}')`,
      );
      await client.query(`UPDATE ops."user" SET password_hash = 'y' WHERE username = 'roles-check'`);
      await client.query(`DELETE FROM ops."user" WHERE username = 'roles-check'`);
      await expect(client.query('CREATE TABLE ops.intruder (i int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('TRUNCATE ops.audit_entry')).rejects.toThrow(/permission denied/);
      await expect(client.query('CREATE TEMP TABLE t (i int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('ALTER TABLE ops."user" ADD COLUMN x int')).rejects.toThrow(/must be owner/);
    } finally {
      await client.end();
    }
  }

  it('a fresh volume: the owner role runs every migration, the app role gets DML on what they create', async () => {
    const suffix = randomBytes(4).toString('hex');
    const [database, owner, app] = [
      `opshub_roles_${suffix}`,
      `opshub_owner_${suffix}`,
      `opshub_app_${suffix}`,
    ];
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
      runInit(database, owner, app);
      // The same SQL files `prisma migrate deploy` applies (run as opshub_owner by compose's `migrate`).
      const migrate = as(database, owner);
      await migrate.connect();
      try {
        const dirs = readdirSync(path.join(ROOT, 'prisma', 'migrations'), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
          .sort();
        for (const d of dirs)
          await migrate.query(
            readFileSync(path.join(ROOT, 'prisma', 'migrations', d, 'migration.sql'), 'utf8'),
          );
        // Prisma keeps its history in public._prisma_migrations: the owner may create it there.
        await migrate.query('CREATE TABLE public._prisma_migrations_check (id text)');
      } finally {
        await migrate.end();
      }
      await checkPrivileges(database, owner, app);
      runInit(database, owner, app); // idempotent (a password change re-runs it)
      await checkPrivileges(database, owner, app);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${app}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${owner}`).catch(() => undefined);
      await admin.end();
    }
  });

  it('adopts a database an older stack made as superuser: everything moves to the owner role', async () => {
    const suffix = randomBytes(4).toString('hex');
    const [owner, app] = [`opshub_owner_${suffix}`, `opshub_app_${suffix}`];
    const old = await createTestDatabase('roles-adopt'); // migrated, every object the superuser's
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      const database = new URL(old.url).pathname.slice(1);
      runInit(database, owner, app);
      await checkPrivileges(database, owner, app);
    } finally {
      await old.drop();
      await admin.query(`DROP ROLE IF EXISTS ${app}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${owner}`).catch(() => undefined);
      await admin.end();
    }
  });
});

describe('docker/redis/start.sh', () => {
  it('runs Redis with requirepass from REDIS_PASSWORD, never on its command line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opshub-redis-start-'));
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    // The image's entrypoint (it drops to the redis user, then execs its arguments).
    writeFileSync(path.join(bin, 'docker-entrypoint.sh'), '#!/bin/sh\nexec "$@"\n');
    chmodSync(path.join(bin, 'docker-entrypoint.sh'), 0o755);
    const port = await freePort();
    const password = randomBytes(24).toString('hex');
    const child = spawn(
      'sh',
      [
        path.join(DOCKER, 'redis', 'start.sh'),
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--dir',
        dir,
      ],
      {
        env: {
          PATH: `${bin}:${process.env['PATH']}`,
          REDIS_PASSWORD: password,
          REDIS_RUN_DIR: path.join(dir, 'run'),
        },
        stdio: 'ignore',
      },
    );
    /** The server's answer to PING (after AUTH when a password is given), over a raw connection. */
    const ping = (pass?: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('connect', () => socket.write(`${pass ? `AUTH ${pass}\r\n` : ''}PING\r\n`));
        socket.on('data', (chunk) => {
          text += chunk.toString();
          const lines = text.split('\r\n').filter(Boolean);
          if (lines.length >= (pass ? 2 : 1)) {
            socket.destroy();
            resolve(lines.join(' '));
          }
        });
        socket.on('error', (error) => resolve(error.message));
      });
    try {
      const deadline = Date.now() + 10_000;
      while ((await ping(password)) !== '+OK +PONG') {
        if (Date.now() > deadline) throw new Error('redis-server did not answer within 10 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await ping(`redis://127.0.0.1:${port}`)).toMatch(/NOAUTH/);
      expect(await ping(`redis://:wrong-${password}@127.0.0.1:${port}`)).toMatch(
        /WRONGPASS|invalid password/i,
      );
      expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain(password);
      expect(statSync(path.join(dir, 'run', 'redis.conf')).mode & 0o777).toBe(0o600);
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without a password', () => {
    const run = spawnSync('sh', [path.join(DOCKER, 'redis', 'start.sh')], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('REDIS_PASSWORD');
  });
});

describe('docker/pin-images.sh (L10)', () => {
  it('rewrites every image tag of compose.yml and the Dockerfile to tag@digest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opshub-pin-'));
    try {
      cpSync(DOCKER, path.join(dir, 'docker'), { recursive: true, filter: (src) => !src.endsWith('/.env') });
      mkdirSync(path.join(dir, 'bin'));
      // A docker CLI that knows one digest per tag.
      writeFileSync(
        path.join(dir, 'bin', 'docker'),
        '#!/bin/sh\ncase $1 in pull) exit 0 ;; image) echo "x@sha256:$(printf %s "$5" | sha256sum | cut -c1-64)" ;; esac\n',
      );
      chmodSync(path.join(dir, 'bin', 'docker'), 0o755);
      const env = { PATH: `${path.join(dir, 'bin')}:${process.env['PATH']}` };
      execFileSync('sh', [path.join(dir, 'docker', 'pin-images.sh')], { env, stdio: 'pipe' });
      execFileSync('sh', [path.join(dir, 'docker', 'pin-images.sh')], { env, stdio: 'pipe' });
      const pinned = parse(readFileSync(path.join(dir, 'docker', 'compose.yml'), 'utf8'), {
        merge: true,
      }) as {
        services: Record<string, Service>;
      };
      for (const name of ['proxy', 'postgres', 'redis', 'mosquitto', 'prometheus'])
        expect(pinned.services[name]!.image, name).toBe(
          `${services[name]!.image}@sha256:${execFileSync('sh', ['-c', `printf %s "${services[name]!.image}" | sha256sum | cut -c1-64`], { encoding: 'utf8' }).trim()}`,
        );
      expect(readFileSync(path.join(dir, 'docker', 'Dockerfile'), 'utf8')).toMatch(
        /^ARG NODE_IMAGE=node:20-bookworm-slim@sha256:[0-9a-f]{64}$/m,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docker/Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => ({
    from: m[1],
    name: m[2],
  }));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('is multi-stage, ending in a slim Node 20 runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(
      expect.arrayContaining(['deps', 'build', 'migrate', 'runtime']),
    );
    expect(stages.at(-1)?.name).toBe('runtime');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim(@sha256:[0-9a-f]{64})?$/m);
    expect(stages.at(-1)?.from).toBe('${NODE_IMAGE}');
  });

  it('runs as a non-root user and ships production dependencies only', () => {
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(dockerfile).toContain('npm prune --omit=dev');
    expect(runtime).toMatch(/^COPY --from=production /m);
    expect(dockerfile).toContain('npm run build -w web');
  });

  it('keeps node_modules and secrets out of the build context', () => {
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', '.env', '.git', '.opshub']));
  });
});
