/** Broker classifications of one object, grouped for the object page. */

export interface ClassificationEntry {
  classifierId: string;
  classId: number;
  className: string;
  probability: number;
  brokerMessageId: string;
  at: string;
  classifier: { brokerName: string; classifierName: string };
}

export interface ClassProbability {
  classId: number;
  className: string;
  probability: number;
}

/** One broker message: its classes, most probable first. */
export interface ClassifiedMessage {
  brokerMessageId: string;
  at: string;
  classes: ClassProbability[];
}

export interface ClassifierMessages {
  classifierId: string;
  /** `broker · classifier`. */
  label: string;
  /** Oldest first. */
  messages: ClassifiedMessage[];
}

/** A classifier's label as the pages show it. */
export function classifierLabel(c: { brokerName: string; classifierName: string }): string {
  return `${c.brokerName} · ${c.classifierName}`;
}

/** Entries (one per class) grouped by classifier, then by message; classifiers by label, messages oldest first. */
export function groupByClassifier(entries: readonly ClassificationEntry[]): ClassifierMessages[] {
  const byClassifier = new Map<string, { label: string; messages: Map<string, ClassifiedMessage> }>();
  for (const e of entries) {
    let c = byClassifier.get(e.classifierId);
    if (!c)
      byClassifier.set(e.classifierId, (c = { label: classifierLabel(e.classifier), messages: new Map() }));
    let m = c.messages.get(e.brokerMessageId);
    if (!m)
      c.messages.set(e.brokerMessageId, (m = { brokerMessageId: e.brokerMessageId, at: e.at, classes: [] }));
    m.classes.push({ classId: e.classId, className: e.className, probability: e.probability });
  }
  return [...byClassifier.entries()]
    .map(([classifierId, c]) => ({
      classifierId,
      label: c.label,
      messages: [...c.messages.values()]
        .map((m) => ({ ...m, classes: [...m.classes].sort((a, b) => b.probability - a.probability) }))
        .sort(
          (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.brokerMessageId.localeCompare(b.brokerMessageId),
        ),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * A classifier's probabilities message after message for uPlot: x the message's number (1 the oldest;
 * messages sent together share an alert time, so time would stack them), one series per class it gave
 * (the most probable ever first, at most six), null where a message left it out.
 */
export function probabilityTimeline(c: ClassifierMessages): {
  classes: ClassProbability[];
  data: (number | null)[][];
} {
  const best = new Map<number, ClassProbability>();
  for (const m of c.messages)
    for (const k of m.classes)
      if ((best.get(k.classId)?.probability ?? -1) < k.probability) best.set(k.classId, k);
  const classes = [...best.values()].sort((a, b) => b.probability - a.probability).slice(0, 6);
  const x = c.messages.map((_, i) => i + 1);
  const series = classes.map((k) =>
    c.messages.map((m) => m.classes.find((e) => e.classId === k.classId)?.probability ?? null),
  );
  return { classes, data: [x, ...series] };
}
