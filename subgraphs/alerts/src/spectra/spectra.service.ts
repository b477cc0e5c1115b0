import { BadUserInputError, NotFoundError } from '@opshub/errors';
import type {
  PlanRow,
  ReportFilter,
  ReportRow,
  SpectraRepository,
  WantedRow,
  WishRow,
} from './spectra.repository.js';

const DAY_MS = 86_400_000;
const mjdOf = (at: Date): number => at.getTime() / DAY_MS + 40_587;

export interface WantedOptions {
  requestedSince?: Date;
  notClaimedInLastDays?: number;
  detectedSinceMjd?: number;
  detectedInLastDays?: number;
  noSpectraInLastDays?: number;
  /** Only objects whose latest magnitude (in `limMagBand`, or in any band) is brighter than this. */
  limMag?: number;
  limMagBand?: string;
}

/** Follow-up spectroscopy: who wants a spectrum of what, who plans to take it, what was found. */
export class SpectraService {
  constructor(
    private readonly spectra: SpectraRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async requireObjects(ids: bigint[]): Promise<void> {
    const known = await this.spectra.existing(ids);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) throw new NotFoundError('diaObject', unknown.map(String).join(', '));
  }

  /** Priorities outside 1–5 are clamped to it (the TOM clamps too). */
  async ask(requester: string, objectIds: bigint[], priorities: number[]): Promise<number> {
    if (objectIds.length !== priorities.length)
      throw new BadUserInputError('objectids and priorities must have the same length');
    await this.requireObjects([...new Set(objectIds)]);
    const wishes = objectIds.map((diaObjectId, i) => ({
      diaObjectId,
      priority: Math.min(5, Math.max(1, Math.round(priorities[i]!))),
    }));
    return this.spectra.want(wishes, requester, this.now());
  }

  async wanted(o: WantedOptions): Promise<WantedRow[]> {
    const now = this.now();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const rows = await this.spectra.wanted({
      wantedSince: o.requestedSince ?? daysAgo(14),
      claimedSince: daysAgo(o.notClaimedInLastDays ?? 7),
      spectrumSinceMjd: mjdOf(daysAgo(o.noSpectraInLastDays ?? 7)),
      detectedSinceMjd: o.detectedSinceMjd ?? mjdOf(daysAgo(o.detectedInLastDays ?? 14)),
    });
    const { limMag, limMagBand } = o;
    if (limMag === undefined) return rows;
    return rows.filter((r) =>
      Object.entries(r.latest ?? {}).some(
        ([band, l]) => (limMagBand === undefined || band === limMagBand) && l.mag < limMag,
      ),
    );
  }

  async plan(p: Omit<PlanRow, 'createdAt'>): Promise<PlanRow> {
    await this.requireObjects([p.diaObjectId]);
    return this.spectra.plan(p);
  }

  removePlan(diaObjectId: bigint, facility: string): Promise<number> {
    return this.spectra.removePlan(diaObjectId, facility);
  }

  async report(r: Omit<ReportRow, 'reportedAt'>): Promise<ReportRow> {
    await this.requireObjects([r.diaObjectId]);
    return this.spectra.report(r);
  }

  reports(f: ReportFilter): Promise<ReportRow[]> {
    return this.spectra.reports(f);
  }

  ofObject(diaObjectId: bigint): Promise<{ wanted: WishRow[]; planned: PlanRow[]; reported: ReportRow[] }> {
    return this.spectra.ofObject(diaObjectId);
  }
}
