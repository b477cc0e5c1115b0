// MQTT topic filter matching (MQTT 3.1.1 §4.7), for the dev broker's access checks.

const levels = (s: string): string[] => s.split('/');

/** True when `topic` (a concrete topic, no wildcards) matches the filter `filter`. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = levels(filter);
  const t = levels(topic);
  // Wildcards at the first level never match the broker's own `$…` topics (MQTT-4.7.2-1).
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/**
 * True when every topic the subscription `sub` can match is also matched by `grant`: a
 * subscription is allowed only inside what the identity may read (`a/+/c` within `a/#`, not `#`).
 */
export function filterWithin(sub: string, grant: string): boolean {
  const s = levels(sub);
  const g = levels(grant);
  if (sub.startsWith('$') !== grant.startsWith('$')) return false;
  for (let i = 0; i < s.length; i++) {
    if (g[i] === '#') return true;
    if (i >= g.length) return false;
    if (s[i] === '#') return false;
    if (g[i] === '+') continue;
    if (s[i] !== g[i]) return false;
  }
  // `a` lies within `a/#` (a trailing `#` also matches its parent level).
  return s.length === g.length || (g.length === s.length + 1 && g[s.length] === '#');
}
