/**
 * Signed PDFs made by the tests themselves: a test CA and a signer certificate built with pkijs
 * on WebCrypto, a PDF with a signature field made with pdf-lib, and a CMS SignedData over its
 * byte ranges written into the /Contents placeholder. No Node APIs, so the Workers suite makes
 * the same fixtures inside workerd.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, StandardFonts } from 'pdf-lib';

const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const DAY = 86_400_000;

export interface NameParts {
  commonName: string;
  organization?: string;
  unit?: string;
  locality?: string;
  country?: string;
}

export interface Identity {
  certificate: pkijs.Certificate;
  der: Uint8Array;
  privateKey: CryptoKey;
}

export interface CertificateOptions {
  subject: NameParts;
  issuer?: Identity; // absent: self-signed
  isCa?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  serial?: number;
  /** Signature hash of the certificate itself. */
  hash?: 'SHA-256' | 'SHA-1';
}

function nameOf(parts: NameParts): pkijs.RelativeDistinguishedNames {
  const rdn = new pkijs.RelativeDistinguishedNames();
  const add = (type: string, value: string | undefined, printable = false) => {
    if (value === undefined) return;
    const v = printable ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
    rdn.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type, value: v }));
  };
  add('2.5.4.6', parts.country, true);
  add('2.5.4.7', parts.locality);
  add('2.5.4.10', parts.organization);
  add('2.5.4.11', parts.unit);
  add('2.5.4.3', parts.commonName);
  return rdn;
}

/** A certificate and its key: a CA (self-signed) when no issuer is given. */
export async function makeIdentity(options: CertificateOptions): Promise<Identity> {
  const keys = (await crypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: options.serial ?? Math.floor(Math.random() * 1e9) + 1 });
  cert.subject = nameOf(options.subject);
  cert.issuer = options.issuer ? options.issuer.certificate.subject : nameOf(options.subject);
  const now = Date.now();
  cert.notBefore.value = options.notBefore ?? new Date(now - 30 * DAY);
  cert.notAfter.value = options.notAfter ?? new Date(now + 365 * DAY);
  const basic = new pkijs.BasicConstraints({ cA: options.isCa === true });
  cert.extensions = [new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: basic.toSchema().toBER(false), parsedValue: basic })];
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([options.isCa ? 0x06 : 0xc0]).buffer, unusedBits: options.isCa ? 1 : 6 });
  cert.extensions.push(new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: usage.toBER(false) }));
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(options.issuer?.privateKey ?? keys.privateKey, options.hash ?? 'SHA-256');
  return { certificate: cert, der: new Uint8Array(cert.toSchema(true).toBER(false)), privateKey: keys.privateKey };
}

export function pemOf(der: Uint8Array): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const b64 = btoa(binary).replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export interface PlaceholderOptions {
  /** Hex digits reserved for the CMS (twice its DER length at most). */
  contentsHexLength?: number;
  subFilter?: string;
  /** The dictionary's /M, e.g. D:20261201090000+07'00'. */
  m?: string;
  pages?: number;
  /** Unsigned signature fields added beside the real one. */
  emptySignatureFields?: number;
  /** false: no signature dictionary at all (an unsigned PDF with empty fields). */
  withSignature?: boolean;
  /** Bytes of incompressible stream data (like scanned pages) to make a large file. */
  paddingBytes?: number;
}

/** A PDF with one signature field whose value has /ByteRange and /Contents placeholders. */
export async function pdfWithPlaceholder(options: PlaceholderOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) doc.addPage([595, 842]).drawText(`Quyet dinh so ${i + 1}`, { x: 60, y: 760, size: 18, font });
  const page = doc.getPage(0);
  const ctx = doc.context;
  if (options.paddingBytes) {
    const bytes = new Uint8Array(options.paddingBytes);
    let x = 0x9e3779b9;
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5; // xorshift: incompressible, reproducible
      bytes[i] = x & 0xff;
    }
    const padding = ctx.register(ctx.stream(bytes, { Type: 'XObject', Subtype: 'Image', Width: 1, Height: options.paddingBytes, BitsPerComponent: 8, ColorSpace: 'DeviceGray' }));
    page.node.set(PDFName.of('Resources'), ctx.obj({ XObject: { Scan: padding } }));
  }
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: options.subFilter ?? 'adbe.pkcs7.detached',
    ByteRange: PDFArray.withContext(ctx),
    Contents: PDFHexString.of('0'.repeat(options.contentsHexLength ?? 16384)),
    M: PDFString.of(options.m ?? "D:20261201090000+07'00'"),
    Reason: PDFString.of('Phat hanh'),
  });
  const byteRange = sig.get(PDFName.of('ByteRange')) as PDFArray;
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of('**********'));
  const sigRef = options.withSignature === false ? undefined : ctx.register(sig);
  const fields = [];
  for (let i = 0; i <= (options.emptySignatureFields ?? 0); i++) {
    const widget = ctx.obj({
      Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], F: 4, P: page.ref,
      T: PDFString.of(`Signature${i + 1}`),
      ...(i === 0 && options.withSignature !== false ? { V: sigRef } : {}),
    });
    fields.push(ctx.register(widget));
  }
  page.node.set(PDFName.of('Annots'), ctx.obj(fields));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: fields, SigFlags: 3 }));
  return doc.save({ useObjectStreams: false });
}

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

/** Fills the /ByteRange placeholder; answers where the /Contents hex string lies. */
export function fixByteRange(pdf: Uint8Array): { pdf: Uint8Array; ranges: [number, number, number, number] } {
  const text = latin1(pdf);
  const placeholder = '/ByteRange [ 0 /********** /********** /********** ]';
  const at = text.indexOf(placeholder);
  if (at < 0) throw new Error('no /ByteRange placeholder');
  const contentsAt = text.indexOf('/Contents <', at);
  const gapStart = contentsAt + '/Contents '.length;
  const gapEnd = text.indexOf('>', gapStart) + 1;
  const ranges: [number, number, number, number] = [0, gapStart, gapEnd, pdf.length - gapEnd];
  const filled = `/ByteRange [${ranges.map(String).join(' ')}]`.padEnd(placeholder.length, ' ');
  const out = pdf.slice();
  out.set(new TextEncoder().encode(filled), at);
  return { pdf: out, ranges };
}

export interface SignOptions {
  signer: Identity;
  /** Certificates carried in the CMS beside the signer's (intermediates, the CA). */
  chain?: Identity[];
  /** MD5 is only claimed (the bytes are hashed with SHA-256): WebCrypto has no MD5. */
  digest?: 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA-1' | 'MD5';
  /** null: no signingTime attribute (readers fall back to the dictionary's /M). */
  signingTime?: Date | null;
  /** Overrides the messageDigest attribute (to make a lying signature). */
  messageDigest?: Uint8Array;
  placeholder?: PlaceholderOptions;
}

const DIGEST_OID = { MD5: '1.2.840.113549.2.5', 'SHA-1': '1.3.14.3.2.26', 'SHA-256': '2.16.840.1.101.3.4.2.1', 'SHA-384': '2.16.840.1.101.3.4.2.2', 'SHA-512': '2.16.840.1.101.3.4.2.3' };

/** CMS SignedData (detached) with contentType, signingTime and messageDigest signed attributes. */
export async function signDetached(digest: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  const hash = options.digest ?? 'SHA-256';
  const { signer } = options;
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.certificate.issuer, serialNumber: signer.certificate.serialNumber }),
      }),
    ],
    certificates: [signer.certificate, ...(options.chain ?? []).map((c) => c.certificate)],
  });
  const attr = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
  signedData.signerInfos[0]!.signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      attr('1.2.840.113549.1.9.3', new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })),
      ...(options.signingTime === null ? [] : [attr('1.2.840.113549.1.9.5', new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() }))]),
      attr('1.2.840.113549.1.9.4', new asn1js.OctetString({ valueHex: (options.messageDigest ?? digest).slice().buffer })),
    ],
  });
  const signHash = hash === 'MD5' ? 'SHA-256' : hash;
  // A WebCrypto RSA key is bound to one hash: take the same key for the hash asked for.
  const key = await crypto.subtle.importKey('pkcs8', await crypto.subtle.exportKey('pkcs8', signer.privateKey), { name: 'RSASSA-PKCS1-v1_5', hash: signHash }, false, ['sign']);
  await signedData.sign(key, 0, signHash);
  // pkijs writes the digest algorithm it signed with; keep the one asked for (SHA-1 tests a weak digest).
  signedData.signerInfos[0]!.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OID[hash], algorithmParams: new asn1js.Null() });
  const info = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A signed PDF: placeholder, byte ranges, digest, CMS written into /Contents. */
export async function signedPdf(options: SignOptions): Promise<Uint8Array> {
  const { pdf, ranges } = fixByteRange(await pdfWithPlaceholder(options.placeholder));
  return signPrepared(pdf, ranges, options);
}

/** Signs a PDF whose /ByteRange is already filled. */
export async function signPrepared(pdf: Uint8Array, ranges: [number, number, number, number], options: SignOptions): Promise<Uint8Array> {
  const signedBytes = new Uint8Array(ranges[1] + ranges[3]);
  signedBytes.set(pdf.subarray(0, ranges[1]), 0);
  signedBytes.set(pdf.subarray(ranges[2], ranges[2] + ranges[3]), ranges[1]);
  const algorithm = !options.digest || options.digest === 'MD5' ? 'SHA-256' : options.digest;
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, signedBytes));
  const cms = hex(await signDetached(digest, options));
  const room = ranges[2] - ranges[1] - 2;
  if (cms.length > room) throw new Error(`CMS (${cms.length} hex) does not fit the placeholder (${room})`);
  const out = pdf.slice();
  out.set(new TextEncoder().encode(cms), ranges[1] + 1);
  return out;
}

/** Appends an incremental update (a text annotation) after the signed bytes, as a reader app would. */
export function appendAnnotation(pdf: Uint8Array, note = 'Ghi chú thêm sau khi ký'): Uint8Array {
  const text = latin1(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const size = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1];
  const enc = new TextEncoder();
  const body = `${size} 0 obj\n<< /Type /Annot /Subtype /Text /Rect [50 700 70 720] /Contents <FEFF${[...note].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}> >>\nendobj\n`;
  const objAt = pdf.length + 1;
  const xrefAt = objAt + enc.encode(body).length;
  const tail = `\n${body}xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + enc.encode(tail).length);
  out.set(pdf, 0);
  out.set(enc.encode(tail), pdf.length);
  return out;
}

/** The test CA and a signer from a Vietnamese district body. */
export async function testSigners() {
  const ca = await makeIdentity({ subject: { commonName: 'QRHop Test CA', organization: 'QRHop kiểm thử', country: 'VN' }, isCa: true, notBefore: new Date(Date.now() - 1800 * DAY), notAfter: new Date(Date.now() + 3650 * DAY) });
  const signer = await makeIdentity({
    issuer: ca,
    subject: { commonName: 'Nguyễn Thị Hương', organization: 'UBND huyện Gio Linh', unit: 'Văn phòng HĐND và UBND tỉnh Quảng Trị', locality: 'Quảng Trị', country: 'VN' },
  });
  return { ca, signer };
}
