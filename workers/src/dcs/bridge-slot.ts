import { randomUUID } from 'node:crypto';
import { MQTT_BRIDGE_SLOTS, type Logger } from '@opshub/config';
import { createBullConnection } from '@opshub/jobs';
import type { Redis } from 'ioredis';

/** Extends the lease only while this process still holds it. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lease only if this process still holds it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Marks the caller's slot leaving if another slot is held by a bridge that is not leaving. */
const MAY_LEAVE = `
local own = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if i ~= own then
    local v = redis.call('get', key)
    if v and string.sub(v, 1, 8) ~= 'leaving:' then
      if redis.call('get', KEYS[own]) == ARGV[2] then
        redis.call('set', KEYS[own], 'leaving:' .. ARGV[2], 'KEEPTTL')
        return 1
      end
      return 0
    end
  end
end
return 0`;

export interface BridgeSlotOptions {
  redis: Redis;
  /** Redis key of the slots (`<key>:<n>`), one family per bridge client id. */
  key: string;
  log: Logger;
  /** Most workers processes bridging at once (default MQTT_BRIDGE_SLOTS: the broker knows that many of each hub identity). */
  max?: number;
  /** How long a lease outlives its last renewal, ms (default 15,000; renewed every third of it). */
  ttlMs?: number;
  /** Called once when another process holds the slot after this one's lease lapsed. */
  onLost?: () => void;
}

/**
 * A workers process's MQTT identity among its peers: the lowest free slot number, leased in Redis
 * and renewed while the process lives. A persistent MQTT session belongs to one client id, so two
 * live bridges must never share one (the broker would disconnect each in turn); a process started
 * after one died takes the dead one's slot once its lease lapses, and with it the session and the
 * messages the broker kept there. No leader: each process only ever touches its own key.
 */
export class BridgeSlot {
  private readonly timer: NodeJS.Timeout;
  private released = false;

  private constructor(
    private readonly options: BridgeSlotOptions,
    private token: string,
    readonly index: number,
  ) {
    const ttl = options.ttlMs ?? 15_000;
    this.timer = setInterval(() => void this.renew(ttl), Math.max(50, Math.floor(ttl / 3)));
    this.timer.unref();
  }

  static async claim(options: BridgeSlotOptions): Promise<BridgeSlot> {
    const token = randomUUID();
    const max = options.max ?? MQTT_BRIDGE_SLOTS;
    for (let index = 0; index < max; index++) {
      const taken = await options.redis.set(
        `${options.key}:${index}`,
        token,
        'PX',
        options.ttlMs ?? 15_000,
        'NX',
      );
      if (taken === 'OK') return new BridgeSlot(options, token, index);
    }
    throw new Error(`all ${max} MQTT bridge slots of ${options.key} are held by live workers processes`);
  }

  private get keyName(): string {
    return `${this.options.key}:${this.index}`;
  }

  private async renew(ttl: number): Promise<void> {
    if (this.released) return;
    try {
      if (Number(await this.options.redis.eval(RENEW, 1, this.keyName, this.token, ttl)) === 1) return;
      // Lapsed (Redis was away longer than the lease): take it back unless a peer has it now.
      if ((await this.options.redis.set(this.keyName, this.token, 'PX', ttl, 'NX')) === 'OK') return;
      this.options.log.error(
        { slot: this.index },
        'MQTT bridge slot taken by another workers process after this one lapsed',
      );
      this.released = true;
      clearInterval(this.timer);
      this.options.onLost?.();
    } catch (err) {
      // Redis unreachable: the next renewal tries again; the lease may lapse meanwhile.
      this.options.log.warn({ err, slot: this.index }, 'MQTT bridge slot not renewed');
    }
  }

  /**
   * Whether this bridge may leave its shared subscription: true when another process's bridge holds
   * a slot and is not leaving itself, and then this one is marked leaving, in one step, so that of
   * bridges stopping together the last keeps its subscription (the broker keeps messages for it).
   */
  async mayLeave(): Promise<boolean> {
    const keys = this.allKeys();
    const own = String(this.index + 1);
    const left = Number(await this.options.redis.eval(MAY_LEAVE, keys.length, ...keys, own, this.token));
    if (left === 1) this.token = `leaving:${this.token}`;
    return left === 1;
  }

  /** Gives the slot back (after the bridge has closed: the next process may take its session). */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (this.released) return;
    this.released = true;
    await this.options.redis.eval(RELEASE, 1, this.keyName, this.token);
  }

  private allKeys(): string[] {
    return Array.from(
      { length: this.options.max ?? MQTT_BRIDGE_SLOTS },
      (_, i) => `${this.options.key}:${i}`,
    );
  }
}

/** A process's slot with the Redis connection that renews it. */
export interface HeldSlot {
  slot: BridgeSlot;
  redis: Redis;
  /** Another process took the slot after this one's lease lapsed (Redis away for longer than it). */
  lost: boolean;
  onLost?: () => void;
}

/**
 * This process's bridge slot. Without a shared subscription only slot 0 may bridge: a second
 * process would store every reading again, so it refuses to start.
 */
/** A lapsed lease's longest life (the default ttl) and a little more. */
const LEASE_WAIT_MS = 16_000;

export async function claimBridgeSlot(options: {
  redisUrl: string;
  key: string;
  log: Logger;
  shareGroup: string | undefined;
}): Promise<HeldSlot> {
  const redis = createBullConnection(options.redisUrl);
  const held: Pick<HeldSlot, 'lost' | 'onLost'> = { lost: false };
  const claim = (): Promise<BridgeSlot> =>
    BridgeSlot.claim({
      redis,
      key: options.key,
      log: options.log,
      // Without sharing only slot 0 may bridge: a second process would store every reading again.
      ...(options.shareGroup ? {} : { max: 1 }),
      onLost: () => {
        held.lost = true;
        held.onLost?.();
      },
    });
  // A process restarted after a crash finds its predecessor's lease until it lapses (15 s): wait that long.
  const deadline = Date.now() + LEASE_WAIT_MS;
  let slot: BridgeSlot | undefined;
  while (!slot) {
    try {
      slot = await claim();
    } catch (error) {
      if (options.shareGroup || Date.now() > deadline) {
        await redis.quit();
        throw options.shareGroup
          ? error
          : new Error(
              'another workers process runs the MQTT bridge: more than one needs MQTT 5 and MQTT_SHARE_GROUP',
            );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  options.log.info({ slot: slot.index, shareGroup: options.shareGroup }, 'MQTT bridge slot taken');
  return Object.assign(held, { slot, redis });
}
