import { isExpected } from '@opshub/errors';
import { Executive, OusState } from '../ous/ous-state.js';
import type { OusNode, OusService } from '../ous/ous.service.js';
import { pick } from '../random/draw.js';
import type { DataTrackerService } from '../tracker/data-tracker.service.js';

export const DEMO_PROGRAM = '2015.1.00657.S';
/** Demo OUS ids: uid://X1/X1/Xb0, Xb1, … (hexadecimal, as in the mockup's "going to the movies"). */
export const DEMO_ID_PREFIX = 'uid://X1/X1/Xb';

export interface DemoSettings {
  programId: string;
  seed: string;
  /** A new OUS this often. */
  everyMs: number;
  /** How long each human step waits before the demo plays it. */
  assignAfterMs: number;
  reviewAfterMs: number;
  requeueAfterMs: number;
  /** No new OUS while this many are on their way (manual-calibration ones aside). */
  maxInFlight: number;
}

export function demoSettings(
  seed: string,
  everyMs: number,
  overrides: Partial<DemoSettings> = {},
): DemoSettings {
  return {
    programId: DEMO_PROGRAM,
    seed,
    everyMs,
    assignAfterMs: Math.min(2_000, everyMs),
    reviewAfterMs: Math.min(4_000, everyMs),
    requeueAfterMs: Math.min(5_000, everyMs),
    maxInFlight: 12,
    ...overrides,
  };
}

export interface DemoTick {
  launched: string | null;
  assigned: string[];
  reviewing: string[];
  reviewed: string[];
  requeued: string[];
}

const DRA = { system: 'demo-dra' } as const;
const REVIEWER = { system: 'demo-reviewer' } as const;
const OPERATOR = { system: 'demo-operator' } as const;
const LAUNCHER = { system: 'launcher' } as const;

const EXECUTIVES: readonly (readonly [Executive, number])[] = [
  [Executive.EU, 35],
  [Executive.NA, 25],
  [Executive.EA, 25],
  [Executive.JAO, 15],
];
const VERDICTS = [
  ['PASS', 85],
  ['SEMIPASS', 5],
  ['FAIL', 10],
] as const;

const IN_FLIGHT = [
  OusState.PROCESSING,
  OusState.PROCESSING_PROBLEM,
  OusState.READY_FOR_REVIEW,
  OusState.REVIEWING,
  OusState.VERIFIED,
  OusState.DELIVERY_IN_PROGRESS,
];

/**
 * "Going to the movies": the seed's demo, kept running. Plays the people of the lifecycle — the
 * launcher, the DRA, the QA2 reviewer, the operator who relaunches a failed run — as system actors,
 * each move through the state machine, so the board is alive. The workers play the rest.
 */
export class WorkflowDemo {
  constructor(
    private readonly ous: OusService,
    readonly settings: DemoSettings,
    /** With it, every third OUS is launched FullyObserved, its raw data shipped for the data tracker. */
    private readonly tracker?: DataTrackerService,
  ) {}

  async tick(now = Date.now()): Promise<DemoTick> {
    const s = this.settings;
    const waited = (o: OusNode, ms: number): boolean => now - o.updatedAt.getTime() >= ms;
    const tick: DemoTick = { launched: null, assigned: [], reviewing: [], reviewed: [], requeued: [] };

    tick.launched = await this.launch(now);
    // OUSs launched without the workers (the seed) get their batch-helper job here, not a minute later.
    await this.ous.reconcile(s.assignAfterMs, 100, [OusState.READY_FOR_PROCESSING]);
    for (const o of await this.ous.inState(s.programId, OusState.READY_FOR_PROCESSING)) {
      if (!waited(o, s.assignAfterMs) || !(o.substate ?? o.recipe)?.startsWith('Pipeline')) continue;
      const executive = pick(EXECUTIVES, s.seed, 'dra', o.id, o.updatedAt.getTime());
      if (
        await this.try(
          o.id,
          { kind: 'assignExecutive', executive },
          DRA,
          `demo DRA: assigned to ${executive}`,
        )
      )
        tick.assigned.push(o.id);
    }
    for (const o of await this.ous.inState(s.programId, OusState.READY_FOR_REVIEW)) {
      if (waited(o, s.reviewAfterMs) && (await this.try(o.id, { kind: 'startReview' }, REVIEWER, null)))
        tick.reviewing.push(o.id);
    }
    for (const o of await this.ous.inState(s.programId, OusState.REVIEWING)) {
      // Only reviews the demo itself picked up: a person's review is left to that person.
      if (
        !waited(o, s.reviewAfterMs) ||
        (await this.ous.lastTransition(o.id))?.systemActor !== REVIEWER.system
      )
        continue;
      const score = pick(VERDICTS, s.seed, 'qa2', o.id, o.updatedAt.getTime());
      const comment =
        score === 'FAIL'
          ? 'QA2 FAIL: demo reviewer: flux calibrator residuals too high, re-reduce'
          : `QA2 ${score}`;
      if (await this.try(o.id, { kind: 'qa2', score }, REVIEWER, comment)) tick.reviewed.push(o.id);
    }
    for (const o of await this.ous.inState(s.programId, OusState.PROCESSING_PROBLEM)) {
      if (
        waited(o, s.requeueAfterMs) &&
        (await this.try(o.id, { kind: 'requeue' }, OPERATOR, 'demo operator: relaunched'))
      )
        tick.requeued.push(o.id);
    }
    return tick;
  }

  /** Creates the next demo OUS when the last one is older than `everyMs` and the board is not full. */
  private async launch(now: number): Promise<string | null> {
    const s = this.settings;
    const newest = await this.ous.newestCreatedAt(s.programId);
    if (newest && now - newest.getTime() < s.everyMs) return null;
    let inFlight = 0;
    for (const state of IN_FLIGHT)
      inFlight += (await this.ous.inState(s.programId, state, s.maxInFlight + 1)).length;
    if (inFlight >= s.maxInFlight) return null;
    const used = (await this.ous.idsLike(s.programId, DEMO_ID_PREFIX))
      .map((id) => Number.parseInt(id.slice(DEMO_ID_PREFIX.length), 16))
      .filter((n) => Number.isFinite(n));
    const n = Math.max(-1, ...used) + 1;
    const id = `${DEMO_ID_PREFIX}${n.toString(16)}`;
    try {
      if (this.tracker && n % 3 === 2) await this.tracker.observe(s.programId, id, LAUNCHER);
      else await this.ous.create(s.programId, id, LAUNCHER);
      return id;
    } catch (error) {
      if (isExpected(error as { extensions?: Record<string, unknown> })) return null; // another worker launched it first
      throw error;
    }
  }

  /** One demo move; a CONFLICT or INVALID_TRANSITION (a person got there first) is not an error. */
  private async try(
    ousId: string,
    move: Parameters<OusService['apply']>[1],
    actor: { system: string },
    reason: string | null,
  ): Promise<boolean> {
    try {
      await this.ous.apply(ousId, move, actor, reason);
      return true;
    } catch (error) {
      if (isExpected(error as { extensions?: Record<string, unknown> })) return false;
      throw error;
    }
  }
}
