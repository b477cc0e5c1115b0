import type { AlertToClassify } from './taxonomy-classifier.js';

/**
 * Follows a simulated alert stream (the alert source protocol: `GET batches?after=`, then each
 * batch's truth, `GET batches/<name>/truth`) the way a broker follows the survey: each detection's
 * truth line names its alert (alertId = diaSourceId in the simulation) and the object's gentype,
 * which the simulated classifiers are guided by. Remembers its cursor.
 */
export class AlertFollower {
  private cursor: string | null = null;

  constructor(private readonly streamUrl: string) {}

  /** The alerts of the batches served since the last call, oldest first. */
  async next(): Promise<AlertToClassify[]> {
    const list = new URL('batches', this.streamUrl);
    if (this.cursor !== null) list.searchParams.set('after', this.cursor);
    const page = (await (await ok(fetch(list))).json()) as { batches: { name: string }[] };
    const alerts: AlertToClassify[] = [];
    for (const { name } of page.batches) {
      const text = await (await ok(fetch(new URL(`batches/${name}/truth`, this.streamUrl)))).text();
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        const t = JSON.parse(line) as { kind?: string; diaSourceId?: string; gentype?: number };
        if (t.kind === 'source' && t.diaSourceId && typeof t.gentype === 'number')
          alerts.push({ alertId: t.diaSourceId, diaSourceId: t.diaSourceId, gentype: t.gentype });
      }
      this.cursor = name;
    }
    return alerts;
  }
}

async function ok(response: Promise<Response>): Promise<Response> {
  const r = await response;
  if (!r.ok) throw new Error(`alert stream answered ${r.status} for ${r.url}`);
  return r;
}
