import type { DeliveryOutcome, DeliveryService } from '../delivery/delivery.service.js';
import { DATA_TRACKER } from '../delivery/delivery.service.js';
import { OusState } from '../ous/ous-state.js';
import type { Actor, OusNode, OusService } from '../ous/ous.service.js';
import type { ProductStore } from '../store/product-store.js';
import { asdmOf } from './observation.js';

/** Thrown while a fully observed OUS's raw data is not in the JAO cache yet: the job retries later. */
export class RawDataPendingError extends Error {
  override readonly name = 'RawDataPendingError';
}

export type TrackerOutcome = DeliveryOutcome | { replicated: true; rawData: string };

/**
 * The data tracker (domains.md §2) at both ends of the lifecycle: a FullyObserved OUS becomes
 * ReadyForProcessing once its raw data (the ASDM) is replicated to the JAO cache, and an ingested
 * one becomes Delivered once every product is in the archive (DeliveryService).
 */
export class DataTrackerService {
  constructor(
    private readonly ous: OusService,
    private readonly delivery: DeliveryService,
    private readonly store: ProductStore,
  ) {}

  async track(ousId: string): Promise<TrackerOutcome> {
    const ous = await this.ous.byId(ousId);
    if (ous?.state !== OusState.FULLY_OBSERVED) return this.delivery.track(ousId);
    const rawData = this.store.rawDataPath(ous.programId, ous.id);
    if (!(await this.store.hasProduct(rawData)))
      throw new RawDataPendingError(`${ousId}: raw data not replicated yet (${rawData})`);
    await this.ous.apply(
      ousId,
      { kind: 'markReplicated' },
      DATA_TRACKER,
      `raw data replicated to the JAO cache: ${rawData}`,
    );
    return { replicated: true, rawData };
  }

  /**
   * The observatory: an OUS observed in full, its raw data shipped to the JAO cache; the data tracker
   * then moves it on (its follow-up job).
   */
  async observe(programId: string, id: string, actor: Actor): Promise<OusNode> {
    await this.shipRawData(programId, id);
    return this.ous.create(programId, id, actor, OusState.FULLY_OBSERVED);
  }

  /** Writes the raw data of an OUS into the JAO cache (what the replication from the observatory does). */
  async shipRawData(programId: string, id: string): Promise<string> {
    const rawData = this.store.rawDataPath(programId, id);
    await this.store.writeProduct(rawData, asdmOf(programId, id));
    return rawData;
  }
}
