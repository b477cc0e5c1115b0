/** The gateway's `/readyz` body: `status` and one row per subgraph. */
export interface Readiness {
  status: 'ok' | 'degraded';
  subgraphs: { name: string; up: boolean; latencyMs: number | null }[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Reads a `/readyz` reply. A 503 still carries the body (that is how the gateway says which
 * subgraph is down); anything else that is not the expected JSON is an error worth showing.
 */
export function parseReadiness(httpStatus: number, body: string): Readiness {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`/readyz answered HTTP ${httpStatus} without JSON`);
  }
  if (!isObject(json) || !Array.isArray(json['subgraphs'])) {
    throw new Error(`/readyz answered HTTP ${httpStatus} without a subgraph list`);
  }
  const subgraphs = json['subgraphs'].filter(isObject).map((s) => ({
    name: String(s['name'] ?? '?'),
    up: s['up'] === true,
    latencyMs: typeof s['latencyMs'] === 'number' ? s['latencyMs'] : null,
  }));
  const status = json['status'] === 'ok' && httpStatus < 400 ? 'ok' : 'degraded';
  return { status, subgraphs };
}
