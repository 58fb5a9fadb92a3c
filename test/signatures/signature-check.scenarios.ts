/**
 * The signature check, run unchanged on Node (local disk store) and inside workerd (R2): fixtures
 * are signed here with a test CA, stored, and checked through ranged and streamed reads.
 * No Node APIs in this file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPdfSignatures, MAX_SIGNATURES, type SignatureCheckPorts } from '../../server/signatures/check-pdf-signatures';
import type { HashFactory } from '../../server/signatures/hash-byte-ranges';
import { loadTrustAnchors, NO_TRUST_ANCHORS, type TrustAnchors } from '../../server/signatures/trust-anchors';
import type { ObjectStore } from '../../server/storage/object-store';
import { appendAnnotation, fixByteRange, makeIdentity, pdfWithPlaceholder, signedPdf, signPrepared, testSigners, type Identity } from './sign-pdf-fixture';

const DAY = 86_400_000;
const enc = new TextEncoder();

export interface SignatureScenarioDeps {
  store: ObjectStore;
  /** The runtime's native hash, when it has one (checked against the portable one). */
  hash?: HashFactory;
}

let counter = 0;
async function put(store: ObjectStore, bytes: Uint8Array | Uint8Array[]): Promise<string> {
  const key = `sigtest/${Date.now()}-${counter++}`;
  const chunks = Array.isArray(bytes) ? bytes : [bytes];
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
  await store.put(key, body, { contentType: 'application/pdf' });
  return key;
}

/** A PDF whose only signature dictionary is hand-written (for malformed cases). */
function handWritten(dictionary: string, tail = ''): Uint8Array {
  return enc.encode(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n${dictionary}\nendobj\n${tail}trailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

export function describeSignatureCheck(name: string, makeDeps: () => Promise<SignatureScenarioDeps>) {
  describe(`signature check: ${name}`, () => {
    let deps: SignatureScenarioDeps;
    let ca: Identity;
    let signer: Identity;
    let anchors: TrustAnchors;
    let signed: Uint8Array;
    const ports = (trust: TrustAnchors = anchors): SignatureCheckPorts => ({ store: deps.store, anchors: trust, hash: deps.hash });
    const checkBytes = async (bytes: Uint8Array | Uint8Array[], trust?: TrustAnchors) => checkPdfSignatures(ports(trust), await put(deps.store, bytes));

    beforeAll(async () => {
      deps = await makeDeps();
      ({ ca, signer } = await testSigners());
      anchors = await loadTrustAnchors([{ name: 'test-ca.der', bytes: ca.der }]);
      signed = await signedPdf({ signer, chain: [ca], signingTime: new Date(Date.now() - DAY) });
    }, 60_000);

    it('reads "chain not trusted" before the test CA is configured and "signed and trusted" after, names exact', async () => {
      const key = await put(deps.store, signed);
      const before = await checkPdfSignatures(ports(NO_TRUST_ANCHORS), key);
      expect(before).toMatchObject({ status: 'untrusted', reason: 'no_trust_anchors' });
      const other = await makeIdentity({ subject: { commonName: 'Another CA' }, isCa: true });
      const wrongAnchor = await checkPdfSignatures(ports(await loadTrustAnchors([{ name: 'other.der', bytes: other.der }])), key);
      expect(wrongAnchor).toMatchObject({ status: 'untrusted', reason: 'chain_not_trusted' });

      const after = await checkPdfSignatures(ports(), key);
      expect(after.status).toBe('trusted');
      expect(after.reason).toBeUndefined();
      expect(after.anchors).toBe(anchors.fingerprint);
      expect(after.signatures).toHaveLength(1);
      const sig = after.signatures[0]!;
      expect(sig).toMatchObject({ status: 'trusted', subFilter: 'adbe.pkcs7.detached', digestAlgorithm: 'SHA-256', signingTimeSource: 'signed_attribute', coversWholeFile: true });
      expect(sig.signer).toMatchObject({
        name: 'Nguyễn Thị Hương',
        organization: 'UBND huyện Gio Linh',
        unit: 'Văn phòng HĐND và UBND tỉnh Quảng Trị',
        issuer: 'QRHop Test CA',
      });
      expect(sig.signer!.organization).toBe('UBND huyện Gio Linh'.normalize('NFC'));
      expect(new Date(sig.signer!.validTo!).getTime()).toBe(Math.floor(signer.certificate.notAfter.value.getTime() / 1000) * 1000);
      expect(Math.abs(new Date(sig.signingTime!).getTime() - (Date.now() - DAY))).toBeLessThan(60_000);
      expect(sig.signer!.certificateSha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('reads "invalid" when one byte inside a signed range is flipped', async () => {
      const text = new TextDecoder('latin1').decode(signed);
      const inFirstRange = text.indexOf('/MediaBox') + 12;
      expect(inFirstRange).toBeGreaterThan(12);
      for (const at of [inFirstRange, signed.length - 20]) {
        const flipped = signed.slice();
        flipped[at]! ^= 0x01;
        const report = await checkBytes(flipped);
        expect(report).toMatchObject({ status: 'invalid', reason: 'digest_mismatch' });
      }
    });

    it('reads "changed after signing" for an incremental update, and says annotations were added', async () => {
      const report = await checkBytes(appendAnnotation(signed));
      expect(report.status).toBe('modified');
      expect(report.appended?.changes).toEqual(['annotations']);
      expect(report.appended!.bytes).toBeGreaterThan(100);
      expect(report.signatures[0]).toMatchObject({ status: 'trusted', coversWholeFile: false });
      // A newline after %%EOF is not a change.
      const newline = new Uint8Array(signed.length + 2);
      newline.set(signed);
      newline.set([0x0d, 0x0a], signed.length);
      expect((await checkBytes(newline)).status).toBe('trusted');
    });

    it('reads "unsigned" for a PDF without a signature, even with 1,000 empty signature fields', async () => {
      expect((await checkBytes(await pdfWithPlaceholder({ withSignature: false }))).status).toBe('unsigned');
      const started = Date.now();
      const report = await checkBytes(await pdfWithPlaceholder({ withSignature: false, emptySignatureFields: 1000 }));
      expect(report.status).toBe('unsigned');
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await checkBytes(enc.encode('PK\u0003\u0004 not a pdf'))).toMatchObject({ status: 'unverifiable', reason: 'not_pdf' });
    });

    it('refuses more than 20 signature dictionaries (1,000) in bounded time', async () => {
      const dicts = Array.from({ length: 1000 }, (_, i) => `${i + 10} 0 obj << /Type /Sig /ByteRange [0 ${i + 1} ${i + 10} 5] /Contents <00> >> endobj\n`).join('');
      const started = Date.now();
      const report = await checkBytes(handWritten('<< >>', dicts));
      expect(report).toMatchObject({ status: 'unverifiable', reason: 'too_many_signatures' });
      expect(MAX_SIGNATURES).toBe(20);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('reads "could not check" for a 50 MB /Contents without loading it', async () => {
      const MB = 1024 * 1024;
      const gapStart = 1000;
      const gapEnd = gapStart + 50 * MB;
      const head = `%PDF-1.7\n2 0 obj\n<< /Type /Sig /SubFilter /adbe.pkcs7.detached /ByteRange [0 ${gapStart} ${gapEnd} 30] /Contents `.padEnd(gapStart, ' ');
      const zeros = new Uint8Array(MB).fill(0x30);
      const chunks = [enc.encode(head + '<'), ...Array.from({ length: 49 }, () => zeros), zeros.subarray(0, MB - 2), enc.encode('>'), enc.encode(' >>\nendobj\n%%EOF\n'.padEnd(30, ' '))];
      expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(gapEnd + 30);
      const started = Date.now();
      const report = await checkBytes(chunks);
      expect(report).toMatchObject({ status: 'unverifiable', reason: 'contents_too_large' });
      expect(Date.now() - started).toBeLessThan(20_000);
    }, 60_000);

    it('reads "invalid" for malformed DER, deep nesting and garbage hex, never a crash', async () => {
      const placeholder = '/ByteRange [ 0 /********** /********** /********** ]';
      const withContents = (hexDer: string) => fixByteRange(handWritten(`<< /Type /Sig /SubFilter /adbe.pkcs7.detached ${placeholder} /Contents <${hexDer}> >>`)).pdf;
      const cases = [
        '3082ffff0102', // a SEQUENCE that claims more than it has
        '3080'.repeat(5000), // deeply nested indefinite-length headers
        '308006092a864886f70d010702a080', // indefinite lengths cut short
        '0500', // a NULL, not a ContentInfo
        '', // empty
      ];
      for (const hexDer of cases) {
        expect(await checkBytes(withContents(hexDer)), hexDer.slice(0, 20)).toMatchObject({ status: 'invalid', reason: 'cms_malformed' });
      }
      expect(await checkBytes(withContents('30zz'))).toMatchObject({ status: 'invalid', reason: 'contents_malformed' });
    });

    it('reads "invalid" for byte ranges outside the file or not starting at 0', async () => {
      const outside = await checkBytes(handWritten('<< /Type /Sig /ByteRange [0 10 20 99999999] /Contents <00> >>'));
      expect(outside).toMatchObject({ status: 'invalid', reason: 'byte_range_outside_file' });
      const offset = await checkBytes(handWritten('<< /Type /Sig /ByteRange [5 10 20 5] /Contents <00> >>'));
      expect(offset).toMatchObject({ status: 'invalid', reason: 'byte_range_malformed' });
      const names = await checkBytes(handWritten('<< /Type /Sig /ByteRange [0 /a 20 5] /Contents <00> >>'));
      expect(names).toMatchObject({ status: 'invalid', reason: 'byte_range_malformed' });
    });

    it('never trusts an expired or a self-signed certificate', async () => {
      const expired = await makeIdentity({ issuer: ca, subject: { commonName: 'Hết hạn', organization: 'UBND xã A' }, notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 10 * DAY) });
      const expiredReport = await checkBytes(await signedPdf({ signer: expired, chain: [ca], signingTime: new Date() }));
      expect(expiredReport).toMatchObject({ status: 'invalid', reason: 'certificate_expired_at_signing' });
      // Signed while valid, expired since: still a good signature, judged at its signing time.
      const then = await checkBytes(await signedPdf({ signer: expired, chain: [ca], signingTime: new Date(Date.now() - 100 * DAY) }));
      expect(then.status).toBe('trusted');

      const self = await makeIdentity({ subject: { commonName: 'Tự ký', organization: 'UBND huyện Gio Linh' } });
      const selfReport = await checkBytes(await signedPdf({ signer: self, chain: [ca] }));
      expect(selfReport).toMatchObject({ status: 'untrusted', reason: 'chain_not_trusted' });
      // …even when the signer embeds a CA of its own.
      const fakeCa = await makeIdentity({ subject: { commonName: 'QRHop Test CA', organization: 'QRHop kiểm thử', country: 'VN' }, isCa: true });
      const fakeLeaf = await makeIdentity({ issuer: fakeCa, subject: { commonName: 'Giả mạo', organization: 'UBND huyện Gio Linh' } });
      expect((await checkBytes(await signedPdf({ signer: fakeLeaf, chain: [fakeCa] }))).status).toBe('untrusted');
    });

    it('reads "could not check" for SHA-1 and MD5 digests, "invalid" for a signature by another key', async () => {
      const sha1 = await checkBytes(await signedPdf({ signer, chain: [ca], digest: 'SHA-1' }));
      expect(sha1).toMatchObject({ status: 'unverifiable', reason: 'weak_digest', reasonDetail: 'SHA-1' });
      const md5 = await checkBytes(await signedPdf({ signer, chain: [ca], digest: 'MD5' }));
      expect(md5).toMatchObject({ status: 'unverifiable', reason: 'weak_digest', reasonDetail: 'MD5' });
      const forged = await checkBytes(await signedPdf({ signer: { ...signer, privateKey: ca.privateKey }, chain: [ca] }));
      expect(forged).toMatchObject({ status: 'invalid', reason: 'signature_mismatch' });
      const lying = await checkBytes(await signedPdf({ signer, chain: [ca], messageDigest: new Uint8Array(32).fill(7) }));
      expect(lying).toMatchObject({ status: 'invalid', reason: 'digest_mismatch' });
    });

    it('cuts a 10,000-character subject to 200 characters and keeps going', async () => {
      const long = await makeIdentity({ issuer: ca, subject: { commonName: 'Ủy ban '.repeat(1430).slice(0, 10_000), organization: 'Văn phòng HĐND và UBND tỉnh Quảng Trị' } });
      const report = await checkBytes(await signedPdf({ signer: long, chain: [ca], placeholder: { contentsHexLength: 60_000 } }));
      expect(report.status).toBe('trusted');
      expect(report.signatures[0]!.signer!.name.length).toBe(200);
      expect(report.signatures[0]!.signer!.organization).toBe('Văn phòng HĐND và UBND tỉnh Quảng Trị');
    });

    it('checks two signatures in one pass; SHA-384 and SHA-512 too; /M when no signed time', async () => {
      for (const digest of ['SHA-384', 'SHA-512'] as const) {
        const report = await checkBytes(await signedPdf({ signer, chain: [ca], digest }));
        expect(report.status, digest).toBe('trusted');
        expect(report.signatures[0]!.digestAlgorithm).toBe(digest);
      }
      // A second signature as an incremental update over the first: both intact, the last covers all.
      const second = await appendSignature(signed, signer, ca);
      const report = await checkBytes(second);
      expect(report.status).toBe('trusted');
      expect(report.signatures.map((s) => s.coversWholeFile)).toEqual([false, true]);
      expect(report.appended).toBeUndefined();
      expect(report.signatures[1]!.subFilter).toBe('ETSI.CAdES.detached');
      // No signingTime attribute: the dictionary's /M, with its +07'00' offset.
      const noTime = await checkBytes(await signedPdf({ signer, chain: [ca], signingTime: null, placeholder: { m: "D:20261130153000+07'00'" } }));
      expect(noTime.signatures[0]).toMatchObject({ signingTime: '2026-11-30T08:30:00.000Z', signingTimeSource: 'dictionary' });
    });
  });
}

/** Appends a second signature dictionary over everything before it (an incremental update). */
async function appendSignature(pdf: Uint8Array, signer: Identity, ca: Identity): Promise<Uint8Array> {
  const hexLength = 16384;
  const update = `\n90 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [ 0 /********** /********** /********** ] /Contents <${'0'.repeat(hexLength)}> /M (D:20261201100000+07'00') >>\nendobj\n%%EOF\n`;
  const bytes = new Uint8Array(pdf.length + update.length);
  bytes.set(pdf);
  bytes.set(enc.encode(update), pdf.length);
  const { pdf: fixed, ranges } = fixByteRange(bytes);
  return signPrepared(fixed, ranges, { signer, chain: [ca] });
}
