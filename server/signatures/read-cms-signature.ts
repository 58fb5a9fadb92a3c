import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureReason } from './signature-report';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const SIGNING_TIME = '1.2.840.113549.1.9.5';
/** Nesting deeper than any real CMS: malformed DER stops here instead of exhausting the stack. */
const MAX_DER_DEPTH = 48;

import type { DigestName } from '../ports/signature-ports';

export type { DigestName } from '../ports/signature-ports';

const DIGESTS: Record<string, DigestName> = {
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
// Refused: collisions can be made for these, so a matching digest proves nothing.
const WEAK_DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '1.2.840.113549.2.5': 'MD5',
  '1.2.840.113549.2.2': 'MD2',
};

export interface CmsSignature {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  signer: pkijs.Certificate;
  /** Every certificate the CMS carries (intermediates for the chain). */
  certificates: pkijs.Certificate[];
  digest: DigestName;
  messageDigest: Uint8Array;
  /** DER of the signed attributes as a SET: the bytes the signature is over. */
  signedAttributes: ArrayBuffer;
  signingTime?: Date;
}

export type CmsRead = { ok: true; cms: CmsSignature } | { ok: false; reason: SignatureReason; detail?: string };

function findSigner(sid: unknown, certificates: pkijs.Certificate[]): pkijs.Certificate | undefined {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  // [0] SubjectKeyIdentifier
  const keyId = (sid as asn1js.Primitive | undefined)?.valueBlock?.valueHexView;
  if (!keyId) return undefined;
  return certificates.find((c) => {
    const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
    const own = (ext?.parsedValue as asn1js.OctetString | undefined)?.valueBlock?.valueHexView;
    return own !== undefined && own.length === keyId.length && own.every((b, i) => b === keyId[i]);
  });
}

function attribute(signerInfo: pkijs.SignerInfo, type: string): unknown {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
}

/** Parses a /Contents CMS SignedData: signer, digest algorithm, messageDigest and signing time. */
export function readCmsSignature(der: Uint8Array): CmsRead {
  const asn1 = asn1js.fromBER(der, { maxDepth: MAX_DER_DEPTH });
  if (asn1.offset === -1) return { ok: false, reason: 'cms_malformed', detail: 'DER' };
  let signedData: pkijs.SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== SIGNED_DATA) return { ok: false, reason: 'cms_malformed', detail: info.contentType };
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { ok: false, reason: 'cms_malformed', detail: 'SignedData' };
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return { ok: false, reason: 'cms_malformed', detail: 'no SignerInfo' };
  const weak = WEAK_DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (weak) return { ok: false, reason: 'weak_digest', detail: weak };
  const digest = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!digest) return { ok: false, reason: 'unsupported_algorithm', detail: signerInfo.digestAlgorithm.algorithmId };
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const signer = findSigner(signerInfo.sid, certificates);
  if (!signer) return { ok: false, reason: 'signer_certificate_missing' };
  // Without signed attributes the signature is over the whole signed bytes, which WebCrypto
  // could only verify from one buffer: never done for PAdES signers, so not supported here.
  if (!signerInfo.signedAttrs) return { ok: false, reason: 'no_signed_attributes' };
  const md = attribute(signerInfo, MESSAGE_DIGEST);
  if (!(md instanceof asn1js.OctetString)) return { ok: false, reason: 'cms_malformed', detail: 'messageDigest' };
  const time = attribute(signerInfo, SIGNING_TIME);
  const signingTime = time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined;
  return {
    ok: true,
    cms: {
      signedData,
      signerInfo,
      signer,
      certificates,
      digest,
      messageDigest: md.valueBlock.valueHexView.slice(),
      signedAttributes: signerInfo.signedAttrs.encodedValue,
      signingTime: signingTime && Number.isFinite(signingTime.getTime()) ? signingTime : undefined,
    },
  };
}

/** Verifies the signature over the signed attributes with the signer's public key (WebCrypto through pkijs). */
export async function verifySignedAttributes(cms: CmsSignature): Promise<{ ok: boolean; unsupported?: string }> {
  const engine = pkijs.getCrypto(true);
  try {
    const ok = await engine.verifyWithPublicKey(cms.signedAttributes, cms.signerInfo.signature, cms.signer.subjectPublicKeyInfo, cms.signerInfo.signatureAlgorithm, cms.digest);
    return { ok };
  } catch (error) {
    // Keys and algorithms WebCrypto does not know (GOST, DSA…): could not check, not "invalid".
    return { ok: false, unsupported: error instanceof Error ? error.message.slice(0, 80) : 'algorithm' };
  }
}
