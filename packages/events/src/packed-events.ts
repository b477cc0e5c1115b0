/**
 * Packed events: `publishMany` stores up to PACK payloads in one stream entry, because Redis spends its time per
 * XADD, not per byte (40,000 alert events: 0.17 CPU-s as one XADD each, 0.05 packed).
 *
 * Every event keeps an ordinary stream id of its own: an entry of n payloads is added with the explicit id
 * `ms-seq` and holds the events `ms-(seq-n+1)` … `ms-seq`, ids no other entry can take since the stream's
 * last-generated-id becomes `ms-seq`. So `after`, `compareStreamIds` and the consumers need no other notion of
 * position, and an entry's id is its last event's, so XRANGE `(after` returns the entry an `after` falls in.
 */

/** Payloads per stream entry. */
export const PACK = 100;

/** A stream capped at this many packed entries keeps about as many events as one of single events. */
export function packedMaxLen(maxEvents: number): number {
  return Math.ceil(maxEvents / PACK);
}

/**
 * KEYS[1]: the stream; ARGV: MAXLEN, type, then per entry its event count n and its payloads (a JSON array).
 * Each entry's events take the ids after the stream's last-generated-id: from `now-0` when the clock has passed
 * it, else from `lastMs-(lastSeq+1)` (what XADD * does for one id). Returns the entries' ids.
 * Numbers: ms and seq stay below 2^53 (exact in a Lua double; a larger seq moves on to the next ms) and are
 * printed with %d, never as 1.7e+12.
 */
const PUBLISH_PACKED = `local lastMs, lastSeq = 0, 0
local info = redis.pcall('XINFO', 'STREAM', KEYS[1])
if not info.err then
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then
      local ms, seq = string.match(info[i + 1], '^(%d+)-(%d+)$')
      lastMs, lastSeq = tonumber(ms), tonumber(seq)
      break
    end
  end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ids = {}
for i = 3, #ARGV, 2 do
  local n = tonumber(ARGV[i])
  local ms, seq
  if now > lastMs then
    ms, seq = now, n - 1
  elseif lastSeq + n <= 9007199254740991 then
    ms, seq = lastMs, lastSeq + n
  else
    ms, seq = lastMs + 1, n - 1
  end
  local id = string.format('%d-%d', ms, seq)
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], id, 'type', ARGV[2], 'payloads', ARGV[i + 1])
  ids[#ids + 1] = id
  lastMs, lastSeq = ms, seq
end
return ids`;

/** The EVAL that stores `payloads` as packed entries of `key`, capped at `maxLen` entries. */
export function publishPackedCommand(
  key: string,
  type: string,
  payloads: readonly unknown[],
  maxLen: number,
): string[] {
  const command = ['EVAL', PUBLISH_PACKED, '1', key, String(maxLen), type];
  for (let start = 0; start < payloads.length; start += PACK) {
    const end = Math.min(payloads.length, start + PACK);
    // One JSON.stringify per entry (a quarter cheaper than one per payload); an undefined payload becomes null.
    command.push(String(end - start), JSON.stringify(payloads.slice(start, end)));
  }
  return command;
}

/** The ids of `count` events from the entry ids the script returned (entries of PACK, the last one the rest). */
export function packedEventIds(entryIds: readonly string[], count: number): string[] {
  const ids: string[] = [];
  for (let k = 0; k < entryIds.length; k++) {
    const n = Math.min(PACK, count - k * PACK);
    pushEventIds(ids, entryIds[k]!, n);
  }
  return ids;
}

/** Appends the ids `ms-(seq-n+1)` … `ms-seq` of a packed entry `ms-seq` of n events. */
export function pushEventIds(ids: string[], entryId: string, n: number): void {
  const dash = entryId.indexOf('-');
  const ms = entryId.slice(0, dash);
  const first = Number(entryId.slice(dash + 1)) - n + 1;
  for (let i = 0; i < n; i++) ids.push(`${ms}-${first + i}`);
}
