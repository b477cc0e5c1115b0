/** A short, human summary of how two texts differ by line (enough to see why a check failed). */
export function diffSummary(before: string, after: string, maxLines = 20): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const inA = countLines(a);
  const inB = countLines(b);
  const removed = a.filter((line) => take(inB, line) === false);
  const added = b.filter((line) => take(inA, line) === false);
  const shown = [...removed.map((l) => `  - ${l}`), ...added.map((l) => `  + ${l}`)];
  const more = shown.length > maxLines ? `\n  … and ${shown.length - maxLines} more` : '';
  return `  ${removed.length} line(s) removed, ${added.length} added\n${shown.slice(0, maxLines).join('\n')}${more}`;
}

function countLines(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
}

/** Consumes one occurrence of `line`; false when there was none left. */
function take(counts: Map<string, number>, line: string): boolean {
  const n = counts.get(line) ?? 0;
  if (n === 0) return false;
  counts.set(line, n - 1);
  return true;
}
