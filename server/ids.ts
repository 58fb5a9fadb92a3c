function randomBase64Url(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  let bin = '';
  for (const b of buf) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Row ids: 96 random bits, URL-safe. Ids are not secrets; access is checked separately. */
export const newId = (): string => randomBase64Url(12);

/** Capability tokens printed in QR codes: 128 bits from the CSPRNG (the design asks ≥ 120). */
export const newToken = (): string => randomBase64Url(16);

/** Login session cookies and device ids: 192 random bits. */
export const newSecret = (): string => randomBase64Url(24);
