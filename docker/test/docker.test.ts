// What a reviewer checks in the production files, without a Docker engine (there is none here):
// the compose file's shape, the broker's config, the Dockerfile's stages and user. When apt's
// docker-compose (v1) is installed, compose itself validates the file too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEnv } from '@opshub/config';
import { identitiesFile, mosquittoAcl } from '@opshub/simulators/mosquitto-files';
import { HUB_BRIDGE, HUB_COMMANDS, standIdentities } from '@opshub/simulators/mqtt-identities';

const DOCKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.dirname(DOCKER);

interface Service {
  image?: string;
  build?: { target?: string };
  command?: string[] | string;
  ports?: unknown[];
  environment?: Record<string, string>;
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
  name?: string;
};
const services = compose.services;
const dockerfile = readFileSync(path.join(DOCKER, 'Dockerfile'), 'utf8');
const SUBGRAPHS = readdirSync(path.join(ROOT, 'subgraphs')).filter((d) =>
  existsSync(path.join(ROOT, 'subgraphs', d, 'package.json')),
);
const APPS = ['gateway', ...SUBGRAPHS, 'workers'];

const composeBinary = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!composeBinary)
  console.warn(
    'docker-compose is not on PATH: skipping `docker-compose config` (apt-get install -y docker-compose)',
  );

describe('docker/compose.yml', () => {
  it('has the services, with v1-compatible top-level keys', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['mosquitto', 'postgres', 'redis', 'migrate', ...APPS].sort(),
    );
    expect(compose.name).toBeUndefined();
    expect(SUBGRAPHS.sort()).toEqual(['alerts', 'dcs', 'dqm', 'ops', 'workflow']);
  });

  it('runs Postgres 15 and Redis 7 on volumes; Redis with AOF and noeviction', () => {
    expect(services['postgres']!.image).toBe('postgres:15');
    expect(services['postgres']!.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    const redis = services['redis']!;
    expect(redis.image).toBe('redis:7');
    const cmd = (redis.command as string[]).join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  const MOSQUITTO = path.join(DOCKER, 'mosquitto');
  const conf = readFileSync(path.join(MOSQUITTO, 'mosquitto.conf'), 'utf8');
  const confLines = conf.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const identityKeys = readFileSync(path.join(MOSQUITTO, 'identities'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split(/\s+/)[1]!);

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

  it('publishes only the gateway', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
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

  it('runs each app from the one image, with its entry file and settings from the env file', () => {
    for (const name of APPS) {
      const s = services[name]!;
      const entry =
        name === 'gateway' || name === 'workers' ? `${name}/src/main.ts` : `subgraphs/${name}/src/main.ts`;
      expect(s.command).toEqual(['node', '--import', '@swc-node/register/esm-register', entry]);
      expect(s.image).toBe(services['gateway']!.image);
      expect(s.env_file).toBe('.env');
    }
    for (const name of SUBGRAPHS) {
      expect(services['gateway']!.environment?.[`${name.toUpperCase()}_SUBGRAPH_URL`]).toMatch(
        new RegExp(`^http://${name}:\\d+/graphql$`),
      );
    }
  });

  it('keeps secrets out of the file: passwords come from docker/.env', () => {
    expect(composeText).toContain('${POSTGRES_PASSWORD:?');
    expect(composeText).toContain('${MQTT_BRIDGE_PASSWORD:?');
    expect(composeText).not.toMatch(/OPSHUB_SECRET:/);
    const example = readFileSync(path.join(DOCKER, 'env.example'), 'utf8');
    expect(example).toContain('docker/mosquitto/passwords.sh');
    for (const key of ['POSTGRES_PASSWORD', 'OPSHUB_SECRET'])
      expect(example).toMatch(new RegExp(`^${key}=`, 'm'));
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it.skipIf(!composeBinary)('is valid for docker-compose config', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opshub-compose-'));
    try {
      cpSync(DOCKER, path.join(dir, 'docker'), { recursive: true });
      cpSync(path.join(DOCKER, 'env.example'), path.join(dir, 'docker', '.env'));
      execFileSync('sh', [path.join(dir, 'docker', 'mosquitto', 'passwords.sh')], { stdio: 'pipe' });
      execFileSync('docker-compose', ['-f', path.join(dir, 'docker', 'compose.yml'), 'config', '-q'], {
        stdio: 'pipe',
      });
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
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
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
