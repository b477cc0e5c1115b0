import { OusState } from '../ous/ous-state.js';
import type { OusService } from '../ous/ous.service.js';
import type { PipelineService } from '../pipeline/pipeline.service.js';
import type { DeliveryRepository, DocumentWithMetadata, StatusRow } from './delivery.repository.js';

export const DATA_TRACKER = { system: 'data-tracker' } as const;

/** Thrown while products are still missing from the archive: the job retries later. */
export class DeliveryPendingError extends Error {
  override readonly name = 'DeliveryPendingError';
}

export type DeliveryOutcome = { skipped: string } | { delivered: true; run: number; archived: number };

/**
 * The data tracker: an OUS is Delivered once every product of its reviewed run is in the archive
 * with the checksum the pipeline recorded (delivery status complete).
 */
export class DeliveryService {
  constructor(
    readonly records: DeliveryRepository,
    private readonly ous: OusService,
    private readonly pipeline: PipelineService,
  ) {}

  async track(ousId: string): Promise<DeliveryOutcome> {
    const ous = await this.ous.byId(ousId);
    if (!ous || ous.state !== OusState.DELIVERY_IN_PROGRESS || ous.substate !== 'ProductsIngested') {
      return {
        skipped: `${ousId} is ${ous ? `${ous.state}/${ous.substate ?? '-'}` : 'unknown'}, not ProductsIngested`,
      };
    }
    const status = await this.records.status(ousId);
    const run = status ? await this.pipeline.runByAttempt(ousId, status.run) : null;
    if (!status || !run) throw new DeliveryPendingError(`${ousId} has no delivery status yet`);
    const archived = new Map((await this.records.documentsOfRun(run.id)).map((d) => [d.product.fileName, d]));
    const missing = status.products.filter((name) => {
      const doc = archived.get(name);
      return !doc || doc.sha256 !== doc.product.sha256;
    });
    if (missing.length > 0)
      throw new DeliveryPendingError(`${ousId}: not in the archive yet: ${missing.join(', ')}`);
    if (!status.complete) await this.records.markComplete(ousId);
    await this.ous.apply(
      ousId,
      { kind: 'delivered' },
      DATA_TRACKER,
      `all ${status.productCount} products of run ${status.run} are in the archive`,
    );
    return { delivered: true, run: status.run, archived: status.productCount };
  }

  async deliveryComplete(ousId: string): Promise<boolean> {
    return (await this.records.status(ousId))?.complete ?? false;
  }

  async statusOf(ousIds: readonly string[]): Promise<Map<string, StatusRow>> {
    return new Map((await this.records.statusOf(ousIds)).map((s) => [s.ousId, s]));
  }

  async documentsOf(ousIds: readonly string[]): Promise<Map<string, DocumentWithMetadata[]>> {
    const out = new Map<string, DocumentWithMetadata[]>(ousIds.map((id) => [id, []]));
    for (const d of await this.records.documentsOf(ousIds)) out.get(d.ousId)?.push(d);
    return out;
  }
}
