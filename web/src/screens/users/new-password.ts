// No look-alike characters (0/O, 1/l/I): the admin reads the password out or writes it on paper.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random 14-character password from the browser's CSPRNG. */
export function newPassword(length = 14): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
  let out = '';
  for (const b of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (b < Math.floor(256 / ALPHABET.length) * ALPHABET.length) out += ALPHABET[b % ALPHABET.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : newPassword(length);
}
