import type { CookielessVisit, CookielessVisits, KeyedHash } from '../ports/cookieless-visits';

interface Burst {
  deviceId: string;
  last: number;
  seen: Set<string>;
}

const HOUR = 60 * 60 * 1000;

/**
 * Cookieless requests in a burst from one address, with one user agent, are one device.
 * A phone keeps the device cookie we set on its first request; a script that drops it came
 * back as a new device at every request (200 GETs: 200 devices, 200 views). Here such a
 * request is matched with the others from the same address and agent within `windowMs`
 * (sliding): the burst is recorded once, under the first request's device id.
 *
 * The address is never stored: entries are keyed by a keyed hash (HMAC) whose key is random,
 * kept in memory only and replaced every hour (the entries go with it).
 *
 * What remains possible: a client changing its address or its user agent at every request
 * still counts as many devices (one per address and agent every 10 s); two real phones with
 * the same agent behind one NAT scanning within 10 s of each other count as one device for
 * their first view (their later requests carry their own cookies). Per process on Node; per
 * isolate on Workers.
 */
export class CookielessBursts implements CookielessVisits {
  private bursts = new Map<string, Burst>();
  private hash: KeyedHash | undefined;
  private keyBorn = 0;

  constructor(
    /** Makes a keyed hash with a fresh random key (runtime-specific: node:crypto's HMAC). */
    private readonly makeHash: () => KeyedHash,
    readonly windowMs = 10_000,
    private readonly rotateMs = HOUR,
    private readonly maxBursts = 50_000,
  ) {}

  /** Matches a cookieless request with its burst; synchronous when the hash is. */
  visit(address: string, userAgent: string, what: string, deviceId: string, now: number): CookielessVisit | Promise<CookielessVisit> {
    if (!this.hash || now - this.keyBorn >= this.rotateMs) {
      this.hash = this.makeHash();
      this.keyBorn = now;
      this.bursts.clear();
    }
    const key = this.hash(`${address}\u0000${userAgent}`);
    return typeof key === 'string' ? this.match(key, what, deviceId, now) : key.then((k) => this.match(k, what, deviceId, now));
  }

  private match(key: string, what: string, deviceId: string, now: number): CookielessVisit {
    let burst = this.bursts.get(key);
    if (burst && now - burst.last > this.windowMs) burst = undefined;
    this.bursts.delete(key); // re-inserted last: the Map's first entries are the oldest
    if (!burst) {
      burst = { deviceId, last: now, seen: new Set([what]) };
      this.bursts.set(key, burst);
      while (this.bursts.size > this.maxBursts) this.bursts.delete(this.bursts.keys().next().value!);
      return { deviceId, repeat: false };
    }
    burst.last = now;
    this.bursts.set(key, burst);
    const repeat = burst.seen.has(what);
    burst.seen.add(what);
    return { deviceId: burst.deviceId, repeat };
  }
}
