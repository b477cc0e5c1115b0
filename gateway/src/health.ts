import type express from 'express';

export interface SubgraphProbe {
  name: string;
  up: boolean;
  latencyMs: number;
}

/** Asks one subgraph's `/healthz` (next to its `/graphql`); a slow answer counts as down. */
async function probe(name: string, graphqlUrl: string, timeoutMs: number): Promise<SubgraphProbe> {
  const started = performance.now();
  let up = false;
  try {
    const response = await fetch(new URL('/healthz', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    up = response.ok;
    await response.body?.cancel();
  } catch {
    up = false;
  }
  return { name, up, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
}

/**
 * `/healthz`: the process answers (for restarts). `/readyz`: every subgraph answers too
 * (for load balancers); 503 with the list when any is down. The probes' result is shared for
 * `cacheMs` (default 1.5 s): a flood of `/readyz` costs the subgraphs one probe each per period.
 */
export function healthRoutes(subgraphUrls: Record<string, string>, timeoutMs = 2_000, cacheMs = 1_500) {
  let last: { at: number; result: Promise<SubgraphProbe[]> } | undefined;
  const probeAll = (): Promise<SubgraphProbe[]> => {
    if (last && (last.at === Number.POSITIVE_INFINITY || Date.now() - last.at < cacheMs)) return last.result;
    const result = Promise.all(
      Object.entries(subgraphUrls).map(([name, url]) => probe(name, url, timeoutMs)),
    );
    // Shared while in flight, then for `cacheMs` after it settled.
    const entry = { at: Number.POSITIVE_INFINITY, result };
    last = entry;
    void result.then(() => {
      entry.at = Date.now();
    });
    return result;
  };
  return (app: express.Express): void => {
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
      const subgraphs = await probeAll();
      const ok = subgraphs.every((s) => s.up);
      res.setHeader('cache-control', 'no-store');
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', subgraphs });
    });
  };
}
