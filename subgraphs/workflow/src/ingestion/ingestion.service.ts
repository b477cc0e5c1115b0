import { ProductKind } from '@opshub/db/enums';
import { OusState } from '../ous/ous-state.js';
import type { OusNode, OusService } from '../ous/ous.service.js';
import type { ProductRow, RunRow } from '../pipeline/pipeline.repository.js';
import type { PipelineService } from '../pipeline/pipeline.service.js';
import type { ReplicationService } from '../replication/replication.service.js';
import { ousDirName, type ProductStore } from '../store/product-store.js';
import type { DeliveryRepository } from '../delivery/delivery.repository.js';

export const PRODUCT_INGESTOR = { system: 'product-ingestor' } as const;

export type IngestionOutcome =
  { skipped: string } | { refused: string } | { ingested: true; run: number; archived: number };

/** Thrown when an archived copy does not match: the job retries the copy. */
export class ArchiveCopyError extends Error {
  override readonly name = 'ArchiveCopyError';
}

/**
 * The JAO product ingestor: Verified → DeliveryInProgress through IngestionTriggered,
 * AnalyzingProducts (every checksum of the JAO cache verified; a mismatch is refused and the OUS goes
 * to ProcessingProblem with the reason), IngestingProducts (files into the archive, one archive
 * document each, products metadata for data products) and ProductsIngested. Each step resumes where
 * a crashed attempt left off.
 */
export class IngestionService {
  constructor(
    private readonly ous: OusService,
    private readonly pipeline: PipelineService,
    private readonly replication: ReplicationService,
    private readonly delivery: DeliveryRepository,
    private readonly store: ProductStore,
  ) {}

  async ingest(ousId: string): Promise<IngestionOutcome> {
    let ous = await this.ous.byId(ousId);
    if (ous?.state === OusState.VERIFIED)
      ous = await this.ous.apply(
        ousId,
        { kind: 'startIngestion' },
        PRODUCT_INGESTOR,
        'QA2 verified: ingestion triggered',
      );
    if (!ous || ous.state !== OusState.DELIVERY_IN_PROGRESS)
      return { skipped: `${ousId} is ${ous?.state ?? 'unknown'}, not Verified or DeliveryInProgress` };
    const run = await this.pipeline.latestSucceededRun(ousId);
    if (!run) throw new Error(`${ousId} is being delivered but has no successful pipeline run`);
    const products = await this.pipeline.productsOfRun(run.id);
    const deliverable = products.filter((p) => p.kind !== ProductKind.REPORT);

    if (ous.substate === 'IngestionTriggered') {
      await this.delivery.start(
        ousId,
        run.attempt,
        deliverable.map((p) => p.fileName),
      );
      // Normally done as soon as the run finished; this copies whatever the cache still lacks.
      await this.replication.replicate(ousId, run.attempt);
      ous = await this.step(
        ousId,
        'AnalyzingProducts',
        `${products.length} products of run ${run.attempt} in the JAO cache`,
      );
    }
    if (ous.substate === 'AnalyzingProducts') {
      const problem = await this.verify(await this.pipeline.productsOfRun(run.id));
      if (problem) {
        const reason = `ingestion refused: ${problem}`;
        await this.delivery.setProblem(ousId, reason);
        await this.ous.apply(ousId, { kind: 'ingestionRefused' }, PRODUCT_INGESTOR, reason);
        return { refused: reason };
      }
      ous = await this.step(ousId, 'IngestingProducts', `all ${products.length} checksums verified`);
    }
    if (ous.substate === 'IngestingProducts') {
      await this.archive(ous, run, deliverable);
      ous = await this.step(ousId, 'ProductsIngested', `${deliverable.length} files archived`);
    }
    return { ingested: true, run: run.attempt, archived: deliverable.length };
  }

  private step(
    ousId: string,
    substate: 'AnalyzingProducts' | 'IngestingProducts' | 'ProductsIngested',
    reason: string,
  ): Promise<OusNode> {
    return this.ous.apply(ousId, { kind: 'ingestionStep', substate }, PRODUCT_INGESTOR, reason);
  }

  /** The first product whose cached bytes do not match the pipeline's checksum, described; or null. */
  private async verify(products: ProductRow[]): Promise<string | null> {
    for (const p of products) {
      if (!p.replicaPath) return `${p.fileName} is not in the JAO cache`;
      let sha256: string;
      try {
        sha256 = await this.store.checksumOfProduct(p.replicaPath);
      } catch (error) {
        return `${p.fileName} cannot be read from the JAO cache (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
      }
      if (sha256 !== p.sha256)
        return `${p.fileName} has SHA-256 ${sha256} but the pipeline recorded ${p.sha256}`;
    }
    return null;
  }

  private async archive(ous: OusNode, run: RunRow, products: ProductRow[]): Promise<void> {
    for (const p of products) {
      const fileId = `${ousDirName(ous.id)}.run${run.attempt}.${p.fileName}`;
      const stored = await this.store.archive(p.replicaPath ?? p.path, `${ous.programId}/${fileId}`);
      if (stored.sha256 !== p.sha256)
        throw new ArchiveCopyError(
          `${p.fileName}: the archived copy has SHA-256 ${stored.sha256}, expected ${p.sha256}`,
        );
      await this.delivery.archive(
        {
          fileId,
          ousId: ous.id,
          productId: p.id,
          sha256: stored.sha256,
          size: stored.size,
          path: stored.path,
          metadata: p.kind === ProductKind.DATA ? { file: p.fileName, programId: ous.programId } : null,
        },
        run.id,
      );
    }
  }
}
