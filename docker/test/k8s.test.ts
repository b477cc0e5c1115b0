// The Kubernetes example (docker/k8s, docs/scaling.md) checked as a reviewer would without a cluster:
// two gateway and two workers pods, a Service per process the gateway calls at the address it calls,
// every secret and setting it references present in the one Secret (generate-secrets.sh's docker/.env)
// and the ConfigMap, each container given the settings compose gives that process (least privilege),
// and every container's settings, once resolved, valid under production validation.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { envSchema, loadEnv, SUBGRAPHS, type EnvKey } from '@opshub/config';

const DOCKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const K8S = path.join(DOCKER, 'k8s');

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Container {
  name: string;
  command?: string[];
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number }[];
}
interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    template?: { spec: { containers: Container[] } };
    selector?: Record<string, unknown>;
    ports?: { port: number; targetPort: string | number }[];
  };
}

const resources: Resource[] = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) =>
    parseAllDocuments(readFileSync(path.join(K8S, f), 'utf8')).map((d) => {
      if (d.errors.length) throw new Error(`${f}: ${d.errors[0]!.message}`);
      return d.toJSON() as Resource;
    }),
  );
const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
const deployment = (name: string) => byKind('Deployment').find((d) => d.metadata.name === name)!;
const container = (name: string): Container => deployment(name).spec!.template!.spec.containers[0]!;
const config = byKind('ConfigMap').find((c) => c.metadata.name === 'opshub-config')!;
const compose = parse(readFileSync(path.join(DOCKER, 'compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string> }>;
};
const APPS = ['gateway', ...SUBGRAPHS.map((s) => s.name), 'workers'];

/** What docker/generate-secrets.sh writes into docker/.env (run on a copy of docker/). */
let secrets: Record<string, string>;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'opshub-k8s-secrets-'));
  cpSync(DOCKER, path.join(dir, 'docker'), { recursive: true, filter: (src) => !src.endsWith('/.env') });
  execFileSync('sh', [path.join(dir, 'docker', 'generate-secrets.sh')], { stdio: 'pipe' });
  secrets = Object.fromEntries(
    readFileSync(path.join(dir, 'docker', '.env'), 'utf8')
      .split('\n')
      .map((l) => /^([A-Z0-9_]+)=(.+)$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A container's environment as the kubelet would give it: references resolved, $(VAR) expanded in order. */
function resolve(c: Container): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of c.env ?? []) {
    const ref = v.valueFrom?.secretKeyRef ?? v.valueFrom?.configMapKeyRef;
    let value: string | undefined;
    if (v.valueFrom?.secretKeyRef) value = secrets[ref!.key];
    else if (v.valueFrom?.configMapKeyRef) value = config.data?.[ref!.key];
    else value = (v.value ?? '').replace(/\$\(([A-Z0-9_]+)\)/g, (m, k: string) => out[k] ?? m);
    if (value === undefined) throw new Error(`${c.name}: ${v.name} refers to a missing ${ref?.key}`);
    out[v.name] = value;
  }
  return out;
}

/** The settings a container gets (not the secrets it only passes into another variable's $(…)). */
function settingsOf(c: Container): string[] {
  const inlined = new Set(
    (c.env ?? []).flatMap((v) => [...(v.value ?? '').matchAll(/\$\(([A-Z0-9_]+)\)/g)].map((m) => m[1]!)),
  );
  return (c.env ?? []).map((v) => v.name).filter((n) => !(inlined.has(n) && !(n in envSchema)));
}

describe('docker/k8s', () => {
  it('runs two gateway pods and two workers pods; every process from the one image with its entry file', () => {
    expect(deployment('gateway').spec!.replicas).toBe(2);
    expect(deployment('workers').spec!.replicas).toBe(2);
    for (const app of APPS) {
      const entry =
        app === 'gateway' || app === 'workers' ? `${app}/src/main.ts` : `subgraphs/${app}/src/main.ts`;
      expect(container(app).command, app).toEqual([
        'node',
        ...(app === 'workers' ? ['--max-semi-space-size=32'] : []),
        '--import',
        '@swc-node/register/esm-register',
        entry,
      ]);
    }
    // The migrations run once per deploy, as a Job, as the schema owner; no app migrates.
    const jobs = byKind('Job');
    expect(jobs.map((j) => j.metadata.name)).toEqual(['opshub-migrate']);
    expect(resolve(jobs[0]!.spec!.template!.spec.containers[0]!)['DATABASE_URL']).toMatch(
      /^postgresql:\/\/opshub_owner:/,
    );
  });

  it('has a Service for the gateway and for each subgraph at the address the gateway calls', () => {
    const services = new Map(byKind('Service').map((s) => [s.metadata.name, s]));
    expect(services.get('gateway')?.spec?.ports?.[0]?.port).toBe(4000);
    const gateway = resolve(container('gateway'));
    for (const s of SUBGRAPHS) {
      const url = new URL(gateway[s.urlKey]!);
      const service = services.get(url.hostname);
      expect(service, s.name).toBeDefined();
      expect(service!.spec!.ports!.map((p) => p.port)).toContain(Number(url.port));
      expect(container(s.name).ports?.[0]?.containerPort).toBe(Number(url.port));
    }
  });

  it('gives each process the settings compose gives it, and its own secrets only', () => {
    // One process per pod (pods scale the gateway); the workers' bridges share one MQTT 5 subscription.
    const k8sOnly: Record<string, string[]> = { gateway: ['GATEWAY_WORKERS'], workers: ['MQTT_SHARE_GROUP'] };
    for (const app of APPS) {
      const composed = Object.keys(compose.services[app]!.environment ?? {});
      const extra = settingsOf(container(app)).filter(
        (k) => !composed.includes(k) && !k8sOnly[app]?.includes(k),
      );
      expect(extra, `${app} gets settings compose does not give it`).toEqual([]);
    }
    const secretKeys = (app: string) =>
      (container(app).env ?? []).flatMap((v) =>
        v.valueFrom?.secretKeyRef ? [v.valueFrom.secretKeyRef.key] : [],
      );
    expect(secretKeys('gateway').sort()).toEqual(['OPSHUB_SECRET', 'REDIS_PASSWORD']);
    for (const s of SUBGRAPHS)
      expect(secretKeys(s.name), s.name).toContain(`OPSHUB_${s.name.toUpperCase()}_KEY`);
    expect(secretKeys('workers')).not.toContain('OPSHUB_SECRET');
  });

  it('with generated secrets, every container starts under production validation', () => {
    for (const app of APPS) {
      const env = resolve(container(app));
      expect(JSON.stringify(env), app).not.toContain('$(');
      const keys = Object.keys(env).filter((k): k is EnvKey => k in envSchema);
      expect(() => loadEnv(keys, { ...env, NODE_ENV: 'production' }), app).not.toThrow();
    }
  });
});
