import type { PipelineService } from '../pipeline/pipeline.service.js';
import { JAO_SITE, type ProductStore } from '../store/product-store.js';

/** A copy whose bytes differ from what the pipeline recorded: the cache must not serve it. */
export class ReplicationError extends Error {
  override readonly name = 'ReplicationError';
}

export type ReplicationOutcome = { skipped: string } | { run: number; copied: number; verified: number };

/**
 * The replicated cache (rsync from the ARC to JAO in the mockup): copies a run's products from the
 * executive's site to the JAO cache and verifies every copy against the SHA-256 the pipeline recorded.
 * Products already replicated are left alone, so running it twice copies nothing twice.
 */
export class ReplicationService {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly store: ProductStore,
  ) {}

  async replicate(ousId: string, attempt?: number): Promise<ReplicationOutcome> {
    const run =
      attempt === undefined
        ? await this.pipeline.latestSucceededRun(ousId)
        : await this.pipeline.runByAttempt(ousId, attempt);
    if (!run || run.exitCode !== 0)
      return { skipped: `${ousId} has no successful run${attempt ? ` ${attempt}` : ''}` };
    let copied = 0;
    let verified = 0;
    for (const product of await this.pipeline.productsOfRun(run.id)) {
      if (product.replicatedAt) continue;
      const target = this.store.atSite(product.path, JAO_SITE);
      // At JAO the product store is the cache: verify in place.
      const sha256 =
        target === product.path
          ? await this.store.checksumOfProduct(product.path)
          : (await this.store.copyProduct(product.path, target)).sha256;
      if (target !== product.path) copied++;
      if (sha256 !== product.sha256) {
        throw new ReplicationError(
          `${product.fileName}: the JAO copy has SHA-256 ${sha256}, the pipeline recorded ${product.sha256}`,
        );
      }
      await this.pipeline.markReplicated(product.id, target);
      verified++;
    }
    return { run: run.attempt, copied, verified };
  }
}
