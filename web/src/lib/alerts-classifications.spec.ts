import { describe, expect, it } from 'vitest';
import { groupByClassifier, probabilityTimeline, type ClassificationEntry } from './alerts-classifications';

const entry = (
  classifierId: string,
  brokerMessageId: string,
  at: string,
  classId: number,
  probability: number,
): ClassificationEntry => ({
  classifierId,
  brokerMessageId,
  at,
  classId,
  className: `c${classId}`,
  probability,
  classifier: { brokerName: classifierId === '1' ? 'Fink' : 'ALeRCE', classifierName: 'rf 1.0' },
});

const entries = [
  entry('1', '11', '2026-12-02T10:00:00Z', 2222, 0.3),
  entry('1', '11', '2026-12-02T10:00:00Z', 2223, 0.7),
  entry('2', '20', '2026-12-02T09:00:00Z', 2222, 0.9),
  entry('1', '10', '2026-12-02T08:00:00Z', 2222, 0.6),
];

describe('classifications grouped for the object page', () => {
  it('groups by classifier (by label) then message, oldest first, classes most probable first', () => {
    const groups = groupByClassifier(entries);
    expect(groups.map((g) => g.label)).toEqual(['ALeRCE · rf 1.0', 'Fink · rf 1.0']);
    const fink = groups[1]!;
    expect(fink.messages.map((m) => m.brokerMessageId)).toEqual(['10', '11']);
    expect(fink.messages[1]!.classes.map((c) => c.classId)).toEqual([2223, 2222]);
  });

  it('gives each class a probability line over the messages, null where a message left it out', () => {
    const fink = groupByClassifier(entries)[1]!;
    const { classes, data } = probabilityTimeline(fink);
    expect(classes.map((c) => c.classId)).toEqual([2223, 2222]);
    expect(data).toEqual([
      [1, 2],
      [null, 0.7],
      [0.6, 0.3],
    ]);
  });
});
