import cluster, { type Cluster, type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { MetricsSnapshot } from '@opshub/metrics';

/**
 * One `/metrics` for a node:cluster gateway. The processes share the port, so a scrape reaches any
 * one of them; that one asks the primary over IPC, the primary asks every worker for its snapshot and
 * answers with all of them, and the scraped process writes their sum. So counters never go backwards
 * between scrapes that land on different processes, and gauges (open subscriptions) count them all.
 * A worker that does not answer within PER_WORKER_MS is left out of that scrape
 * (`opshub_gateway_processes` says how many were summed).
 */

const COLLECT = 'opshub:metrics:collect';
const REPORT = 'opshub:metrics:report';
const SNAPSHOT = 'opshub:metrics:snapshot';
const COLLECTED = 'opshub:metrics:collected';

/** How long the primary waits for each worker's snapshot, and a worker for the primary's answer. */
const PER_WORKER_MS = 1_000;
const COLLECT_MS = 2_500;

interface Message {
  type?: string;
  id?: string;
  snapshot?: MetricsSnapshot;
  snapshots?: MetricsSnapshot[];
}

const isMessage = (m: unknown): m is Message => typeof m === 'object' && m !== null && 'type' in m;

export function inClusterWorker(): boolean {
  return cluster.isWorker && typeof process.send === 'function';
}

let responder: (() => MetricsSnapshot) | undefined;

/**
 * In a cluster worker, answers the primary's requests for this process's snapshot (installed once
 * per process, by the first caller: the gateway's one GatewayMetrics).
 */
export function answerSnapshotRequests(snapshot: () => MetricsSnapshot): void {
  if (!inClusterWorker() || responder) return;
  responder = snapshot;
  process.on('message', (message: unknown) => {
    if (!isMessage(message) || message.type !== REPORT || !responder) return;
    process.send?.({ type: SNAPSHOT, id: message.id, snapshot: responder() });
  });
}

/** In a cluster worker: every live process's snapshot, through the primary; this one's alone if it does not answer. */
export function collectFromPrimary(own: () => MetricsSnapshot): Promise<MetricsSnapshot[]> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const done = (snapshots: MetricsSnapshot[]) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(snapshots);
    };
    const onMessage = (message: unknown) => {
      if (isMessage(message) && message.type === COLLECTED && message.id === id)
        done(message.snapshots ?? [own()]);
    };
    // A primary without serveClusterMetrics never answers: this process's own figures, rather than nothing.
    const timer = setTimeout(() => done([own()]), COLLECT_MS);
    process.on('message', onMessage);
    process.send?.({ type: COLLECT, id });
  });
}

/**
 * In the cluster primary: serves the workers' `collect` requests (call once, before forking). Returns
 * a function that stops serving.
 */
export function serveClusterMetrics(primary: Cluster = cluster): () => void {
  const pending = new Map<string, { snapshots: MetricsSnapshot[]; left: Set<number>; finish: () => void }>();
  const onMessage = (worker: Worker, message: unknown) => {
    if (!isMessage(message) || !message.id) return;
    if (message.type === SNAPSHOT) {
      const round = pending.get(message.id);
      if (!round || !round.left.delete(worker.id)) return;
      if (message.snapshot) round.snapshots.push(message.snapshot);
      if (round.left.size === 0) round.finish();
      return;
    }
    if (message.type !== COLLECT) return;
    const id = message.id;
    const workers = Object.values(primary.workers ?? {}).filter(
      (w): w is Worker => w !== undefined && w.isConnected(),
    );
    const round = {
      snapshots: [] as MetricsSnapshot[],
      left: new Set(workers.map((w) => w.id)),
      finish: () => {
        clearTimeout(timer);
        pending.delete(id);
        if (worker.isConnected()) worker.send({ type: COLLECTED, id, snapshots: round.snapshots });
      },
    };
    const timer = setTimeout(round.finish, PER_WORKER_MS);
    pending.set(id, round);
    for (const w of workers) w.send({ type: REPORT, id });
    if (workers.length === 0) round.finish();
  };
  primary.on('message', onMessage);
  return () => void primary.off('message', onMessage);
}
