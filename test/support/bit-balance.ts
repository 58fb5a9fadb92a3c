/**
 * Statistics over many URL-safe base64 tokens, to tell 128 random bits from a shorter random part
 * padded with constant bytes (which a format check alone cannot see).
 */
export function decodeBase64Url(token: string): Uint8Array {
  const b64 = token.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
}

export interface BitBalance {
  samples: number;
  bytes: number;
  /** Per bit position (byte × 8 + bit, most significant first): how many tokens had a 1 there. */
  ones: number[];
  /** Per byte position: how many different values it took. */
  distinctPerByte: number[];
  /** The worst bit, in standard deviations from n/2. */
  worstDeviation: { bit: number; sigmas: number };
}

export function bitBalance(tokens: string[]): BitBalance {
  const decoded = tokens.map(decodeBase64Url);
  const bytes = decoded[0]!.length;
  if (decoded.some((d) => d.length !== bytes)) throw new Error('tokens of different lengths');
  const ones = new Array<number>(bytes * 8).fill(0);
  const seen = Array.from({ length: bytes }, () => new Set<number>());
  for (const d of decoded) {
    for (let i = 0; i < bytes; i++) {
      seen[i]!.add(d[i]!);
      for (let b = 0; b < 8; b++) if (d[i]! & (0x80 >> b)) ones[i * 8 + b]!++;
    }
  }
  const n = tokens.length;
  const sd = Math.sqrt(n) / 2; // binomial(n, 1/2)
  let worst = { bit: 0, sigmas: 0 };
  ones.forEach((k, bit) => {
    const sigmas = Math.abs(k - n / 2) / sd;
    if (sigmas > worst.sigmas) worst = { bit, sigmas };
  });
  return { samples: n, bytes, ones, distinctPerByte: seen.map((s) => s.size), worstDeviation: worst };
}

/** Distinct values expected in `n` draws from 256 equally likely ones. */
export const expectedDistinctBytes = (n: number) => 256 * (1 - Math.pow(255 / 256, n));
