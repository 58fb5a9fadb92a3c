/** A keyed hash: synchronous where the runtime has one (node:crypto), else a promise (WebCrypto). */
export type KeyedHash = (text: string) => string | Promise<string>;

export interface CookielessVisit {
  /** The device id to record: the burst's first one. */
  deviceId: string;
  /** This address and agent already did the same thing (a view of this page, an open of this document) within the window. */
  repeat: boolean;
}

/**
 * Groups requests that came without the device cookie from one address and one agent within
 * seconds into one device (delegate/cookieless-bursts.ts). The address is only ever held as a
 * keyed hash in memory. Per process on Node, per isolate on Workers.
 */
export interface CookielessVisits {
  visit(address: string, userAgent: string, what: string, deviceId: string, now: number): CookielessVisit | Promise<CookielessVisit>;
}
