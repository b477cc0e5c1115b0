import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ELASTICC_DATA_DIR } from '@opshub/alerts/elasticc';

/** One alert a simulated broker classifies: its ids and the simulation's truth (gentype). */
export interface AlertToClassify {
  alertId: string;
  diaSourceId: string;
  gentype: number;
}

/** A classifier's identity (the 4-tuple the hub registers) and how well it does. */
export interface ClassifierProfile {
  brokerName: string;
  brokerVersion: string;
  classifierName: string;
  classifierParams: string;
  /** Probability of ranking the true class first (0–1). */
  accuracy: number;
}

interface LeafClass {
  classId: number;
  gentypes: number[];
}

let leaves: LeafClass[] | undefined;

/** The taxonomy's leaf classes that stand for simulated gentypes (data/elasticc/taxonomy.csv). */
export function leafClasses(): LeafClass[] {
  if (leaves) return leaves;
  const lines = readFileSync(path.join(ELASTICC_DATA_DIR, 'taxonomy.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  leaves = lines
    .map((line) => line.split(','))
    .filter(([, , gentypes]) => (gentypes ?? '').trim() !== '')
    .map(([id, , gentypes]) => ({
      classId: Number(id),
      gentypes: gentypes!.trim().split(/\s+/).map(Number),
    }));
  return leaves;
}

/**
 * A brokerClassification record (v0.9.1 plus brokerPublishTimestamp) for one alert, guided by the
 * truth with noise: the true class ranks first with probability `accuracy`, else a wrong one does;
 * two or three other classes share the rest. Unknown gentypes are classed 300 (NotClassified).
 */
export function classifyAlert(
  alert: AlertToClassify,
  profile: ClassifierProfile,
  random: () => number,
  elasticcPublishTimestamp: number,
  now = Date.now(),
): Record<string, unknown> {
  const all = leafClasses();
  const truth = all.find((c) => c.gentypes.includes(alert.gentype));
  let classes: { classId: number; probability: number }[];
  if (!truth) {
    classes = [{ classId: 300, probability: 1 }];
  } else {
    const others = all.filter((c) => c !== truth).sort(() => random() - 0.5);
    const top = random() < profile.accuracy ? truth : others[0]!;
    const rest = [truth, ...others].filter((c) => c !== top).slice(0, 2 + Math.floor(random() * 2));
    const best = 0.5 + 0.45 * random();
    let left = 1 - best;
    classes = [{ classId: top.classId, probability: best }];
    rest.forEach((c, i) => {
      const p = i === rest.length - 1 ? left : left * random();
      left -= p;
      classes.push({ classId: c.classId, probability: Number(p.toFixed(4)) });
    });
    classes[0]!.probability = Number(best.toFixed(4));
  }
  return {
    alertId: alert.alertId,
    diaSourceId: alert.diaSourceId,
    elasticcPublishTimestamp,
    brokerIngestTimestamp: now - 200,
    brokerPublishTimestamp: now,
    brokerName: profile.brokerName,
    brokerVersion: profile.brokerVersion,
    classifierName: profile.classifierName,
    classifierParams: profile.classifierParams,
    classifications: classes,
  };
}
