import type { HashFactory } from '../../signatures/hash-byte-ranges';

/** workerd's native incremental digest (a WritableStream); not in the standard WebCrypto types. */
declare const crypto: Crypto & { DigestStream: new (algorithm: string) => WritableStream<Uint8Array> & { digest: Promise<ArrayBuffer> } };

/** Range hashing for the signature check on Workers: native speed, one chunk in memory. */
export const digestStreamHash: HashFactory = (algorithm) => {
  const stream = new crypto.DigestStream(algorithm);
  const writer = stream.getWriter();
  return {
    update: (bytes) => writer.write(bytes.slice()),
    digest: async () => {
      await writer.close();
      return new Uint8Array(await stream.digest);
    },
  };
};
