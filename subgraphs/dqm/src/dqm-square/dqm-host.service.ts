import { ConflictError, NotFoundError } from '@opshub/errors';
import type { EventBus } from '@opshub/events';
import { sourceUrl } from '@opshub/subgraph-kit';
import type { DqmClusterName, DqmHostRepository, DqmHostRow } from './dqm-host.repository.js';
import type { HubActor } from '../hub-audit.js';
import { DQM_SQUARE_STREAMS, hostRowOfEvent, type DqmHostChangedEvent } from './dqm-square.events.js';

/** The agents: registration, the list, the 30 s status history and its retention. */
export class DqmHostService {
  constructor(
    private readonly hosts: DqmHostRepository,
    private readonly events: EventBus,
  ) {}

  /**
   * Registers an agent by its base URL (`http://host:9215`). Its name is `agent-NN` until its
   * first sync tells which machine it is (then its pseudonym, `fu-07`). `by`: the user registering
   * it, for the hub's audit log (none at a start from settings).
   */
  async add(
    cluster: DqmClusterName,
    url: string,
    controlSecret: string | null,
    by?: HubActor,
  ): Promise<DqmHostRow> {
    const base = agentUrl(url);
    if (await this.hosts.findByUrl(base))
      throw new ConflictError(`An agent is already registered at this URL`);
    const name = `agent-${String((await this.hosts.count()) + 1).padStart(2, '0')}`;
    return this.hosts.create({ cluster, url: base, name, controlSecret: controlSecret || null }, by);
  }

  /** `add`, unless an agent is registered at that URL already (registration from settings, at every start). */
  async ensure(cluster: DqmClusterName, url: string, controlSecret: string | null): Promise<DqmHostRow> {
    const base = agentUrl(url);
    const found = await this.hosts.findByUrl(base);
    if (found) return found;
    // Another workers process starting at the same moment may register it between the two reads.
    return this.add(cluster, url, controlSecret).catch(async (error: unknown) => {
      const raced = error instanceof ConflictError ? await this.hosts.findByUrl(base) : null;
      if (raced) return raced;
      throw error;
    });
  }

  async remove(id: string, by?: HubActor): Promise<boolean> {
    if (!(await this.hosts.remove(id, by))) throw new NotFoundError('DqmHost', id);
    return true;
  }

  list(cluster?: DqmClusterName): Promise<DqmHostRow[]> {
    return this.hosts.list(cluster);
  }

  find(id: string): Promise<DqmHostRow | null> {
    return this.hosts.findById(id);
  }

  /** The status job: a row per host now, and the rows older than the retention pruned. */
  async recordStatus(now: Date, retentionHours: number): Promise<{ recorded: number; pruned: number }> {
    const recorded = await this.hosts.recordStatuses(now);
    const pruned = await this.hosts.pruneStatuses(new Date(now.getTime() - retentionHours * 3_600_000));
    return { recorded, pruned };
  }

  /** Host changes as they are published (cluster filter applied here). */
  async subscribe(cluster?: DqmClusterName): Promise<AsyncIterable<ReturnType<typeof hostRowOfEvent>>> {
    const source = await this.events.subscribe<DqmHostChangedEvent>(DQM_SQUARE_STREAMS.dqmHostChanged);
    async function* changes() {
      for await (const e of source)
        if (!cluster || e.payload.cluster === cluster) yield hostRowOfEvent(e.payload);
    }
    return changes();
  }
}

/** An agent's base URL: http(s), no credentials, query or fragment; without a trailing slash. */
export function agentUrl(raw: string): string {
  const url = sourceUrl(raw);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
