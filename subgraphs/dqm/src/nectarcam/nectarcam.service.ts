import { BadUserInputError, NotFoundError } from '@opshub/errors';
import type { EventBus, DomainEvent } from '@opshub/events';
import { fromValues, type Dtype } from '@opshub/fits';
import { pageArgs, sourceUrl, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import { CAMERA } from '../dqm-run/dqm-run.input.js';
import type { DqmRun } from '../dqm-run/dqm-run.type.js';
import type { HubActor } from '../hub-audit.js';
import { DQM_STREAMS, dqmRunOfEvent, type DqmRunIngestedEvent } from '../events.js';
import type { CameraGeometry } from './camera-geometry.type.js';
import type { NectarcamRepository, QuantityRow, QuarantineRow, SourceRow } from './nectarcam.repository.js';
import type { NectarcamSource, DqmQuarantined } from './nectarcam-source.type.js';
import { Gain, type DqmQuantity, type DqmQuantityInfo } from './quantity.type.js';

/** Every NectarCAM camera has the geometry of the ctapipe file shipped with @opshub/fits. */
const NECTARCAM_GEOMETRY = 'NectarCam-003';

const toSource = (s: SourceRow): NectarcamSource => ({
  id: s.id,
  url: s.url,
  enabled: s.enabled,
  lastListedAt: s.lastListedAt,
  lastError: s.lastError,
});

const toQuarantined = (q: QuarantineRow): DqmQuarantined => ({
  id: q.id,
  source: q.source?.url ?? null,
  name: q.name,
  reason: q.reason,
  at: q.at,
});

function toInfo(
  q: Pick<QuantityRow, 'key' | 'label' | 'gain' | 'field' | 'unit' | 'dtype' | 'shape'>,
): DqmQuantityInfo {
  return {
    key: q.key,
    label: q.label,
    gain: q.gain === 'HIGH' ? Gain.HIGH : q.gain === 'LOW' ? Gain.LOW : null,
    field: q.field === '' ? null : q.field,
    unit: q.unit,
    dtype: q.dtype,
    shape: q.shape,
  };
}

/** Values decoded only when a query selects them (a key listing never decodes 1855×60 arrays). */
function toQuantity(q: QuantityRow): DqmQuantity {
  const text = q.dtype === 'str';
  let decoded: Buffer | undefined;
  const bytes = (): Buffer => (decoded ??= Buffer.from(q.base64, 'base64'));
  return Object.defineProperties(
    { ...toInfo(q) },
    {
      base64: { value: q.base64, enumerable: true },
      strings: {
        get: () => (text ? (JSON.parse(bytes().toString('utf8')) as string[]) : null),
        enumerable: true,
      },
      values: {
        get: () =>
          text
            ? []
            : Array.from(
                fromValues({ dtype: q.dtype as Dtype, shape: q.shape, bytes: bytes() }) as ArrayLike<
                  number | bigint | boolean
                >,
                Number,
              ),
        enumerable: true,
      },
    },
  ) as DqmQuantity;
}

/** The query side of NectarCAM: sources, quarantine, a run's quantities, camera geometry. */
export class NectarcamService {
  constructor(
    private readonly repo: NectarcamRepository,
    private readonly events: EventBus,
  ) {}

  async sources(): Promise<NectarcamSource[]> {
    return (await this.repo.sources()).map(toSource);
  }

  /** `by`: the user adding it, for the hub's audit log (none when the workers register it at start). */
  async addSource(url: string, by?: HubActor): Promise<NectarcamSource> {
    return toSource(await this.repo.addSource(sourceUrl(url, { allowQuery: true }).href, by));
  }

  removeSource(id: string, by?: HubActor): Promise<boolean> {
    return this.repo.removeSource(id, by);
  }

  async quarantine(args: PageArgs): Promise<ConnectionShape<DqmQuarantined>> {
    const { first, after } = pageArgs(args);
    let cursor: { at: Date; id: string } | undefined;
    if (after) {
      const [at, id] = after;
      const date = new Date(String(at));
      if (after.length !== 2 || Number.isNaN(date.getTime()) || typeof id !== 'string')
        throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
          argument: 'after',
        });
      cursor = { at: date, id };
    }
    const [rows, total] = await Promise.all([
      this.repo.quarantinePage(first + 1, cursor),
      this.repo.quarantineCount(),
    ]);
    return toConnection(rows, first, total, toQuarantined, (q) => [q.at.toISOString(), q.id]);
  }

  async quantityInfos(run: DqmRun): Promise<DqmQuantityInfo[]> {
    return (await this.repo.quantityInfos(run.camera, run.runNumber)).map(toInfo);
  }

  /** Keys match case-insensitively (astropy upper-cases EXTNAME; TTYPE keeps the DQM's case). */
  async quantities(run: DqmRun, keys?: readonly string[] | null, gain?: Gain | null): Promise<DqmQuantity[]> {
    if (keys && keys.length > 100) throw new BadUserInputError('at most 100 keys', { argument: 'keys' });
    const rows = await this.repo.quantities(
      run.camera,
      run.runNumber,
      keys?.map((k) => k.toUpperCase()),
      gain ?? undefined,
    );
    return rows.map(toQuantity);
  }

  async cameraGeometry(camera: string): Promise<CameraGeometry> {
    const name = CAMERA.test(camera) ? NECTARCAM_GEOMETRY : camera;
    const row = await this.repo.geometry(name);
    if (!row) throw new NotFoundError('CameraGeometry', camera);
    const ids = new Int32Array(new Uint8Array(row.pixelIds).buffer);
    const f64 = (b: Uint8Array) => new Float64Array(new Uint8Array(b).buffer);
    const [x, y, area] = [f64(row.x), f64(row.y), f64(row.area)];
    return {
      camera,
      geometry: row.name,
      pixelShape: row.pixelShape,
      pixelRotationDeg: row.pixelRotationDeg,
      cameraRotationDeg: row.cameraRotationDeg,
      pixels: Array.from(ids, (id, i) => ({ id, x: x[i]!, y: y[i]!, area: area[i]! })),
    };
  }

  /** Runs as they are stored (first pull or replaced). */
  async subscribe(): Promise<AsyncIterable<DqmRun>> {
    const source = await this.events.subscribe<DqmRunIngestedEvent>(DQM_STREAMS.dqmRunIngested, {});
    async function* runs(): AsyncGenerator<DqmRun> {
      for await (const e of source as AsyncIterable<DomainEvent<DqmRunIngestedEvent>>) yield dqmRunOfEvent(e);
    }
    return runs();
  }
}
