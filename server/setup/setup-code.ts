// No 0/O, 1/I: it is read off a terminal and typed on another machine.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time set-up code such as "K7QM-2XWD-HP9R": 12 characters of 32, about 60 random bits. */
export function newSetupCode(): string {
  const random = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...random].map((b) => ALPHABET[b % 32]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
