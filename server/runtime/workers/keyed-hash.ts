/** An HMAC under a fresh random key that never leaves the isolate's memory (WebCrypto: asynchronous). */
export function webCryptoKeyedHash(): (text: string) => Promise<string> {
  const key = crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) as Promise<CryptoKey>;
  return async (text) => {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(text)));
    return btoa(String.fromCharCode(...mac.subarray(0, 16)));
  };
}
