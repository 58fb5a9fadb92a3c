/**
 * What a signature check finds, as stored (JSON) and shown. Statuses and reasons are codes;
 * their words, in Vietnamese and English, are in signature-words.ts.
 */

/** One document version's verdict, from best to worst news for a reader. */
export type SignatureStatus =
  | 'trusted' // signed, intact, chain leads to a configured trust anchor
  | 'untrusted' // signed and intact, but the chain leads to no configured anchor
  | 'modified' // the signed bytes are intact, but bytes were appended after signing
  | 'invalid' // the signature does not match the bytes, or is malformed
  | 'unsigned' // no signature dictionary
  | 'unverifiable'; // could not check (reason says why)

/** Why a signature or a document could not be checked, or is invalid, or not trusted. */
export type SignatureReason =
  // could not check
  | 'not_pdf'
  | 'missing_file'
  | 'store_error'
  | 'too_many_signatures'
  | 'contents_too_large'
  | 'unsupported_subfilter'
  | 'unsupported_algorithm'
  | 'weak_digest'
  | 'no_signed_attributes'
  | 'signer_certificate_missing'
  | 'internal_error'
  // invalid
  | 'byte_range_malformed'
  | 'byte_range_outside_file'
  | 'contents_malformed'
  | 'cms_malformed'
  | 'digest_mismatch'
  | 'signature_mismatch'
  | 'certificate_expired_at_signing'
  | 'certificate_not_yet_valid_at_signing'
  // not trusted
  | 'no_trust_anchors'
  | 'chain_not_trusted';

/** Kinds of change found in bytes appended after the last signature. */
export type AppendedChange = 'annotations' | 'pages' | 'form_fields' | 'signature_fields' | 'content' | 'other';

export interface SignerDetails {
  /** Certificate subject CN (a person or the body itself), NFC, at most 200 characters. */
  name: string;
  /** Subject O, else the unit (OU), else the name. */
  organization: string;
  unit?: string;
  /** Issuer CN (else O) — the certification authority. */
  issuer: string;
  /** ISO times of the certificate's validity. */
  validFrom?: string;
  validTo?: string;
  /** SHA-256 of the signer certificate (hex): tells "the same signer" across versions. */
  certificateSha256?: string;
}

export interface SignatureDetail {
  /** Each signature's own verdict; the document's status is drawn from all of them. */
  status: 'trusted' | 'untrusted' | 'invalid' | 'unverifiable';
  reason?: SignatureReason;
  /** A short technical parameter for the reason (an algorithm, a size). */
  reasonDetail?: string;
  subFilter?: string;
  digestAlgorithm?: string;
  signer?: SignerDetails;
  /** ISO time: the signed signingTime attribute, else the dictionary's /M. */
  signingTime?: string;
  signingTimeSource?: 'signed_attribute' | 'dictionary';
  byteRange?: [number, number, number, number];
  /** True when the signed ranges reach the end of the file (trailing whitespace aside). */
  coversWholeFile?: boolean;
}

export interface SignatureReport {
  status: SignatureStatus;
  reason?: SignatureReason;
  reasonDetail?: string;
  signatures: SignatureDetail[];
  /** When the last signature does not reach the end: bytes appended after it, and what they do. */
  appended?: { bytes: number; changes: AppendedChange[] };
  /** Fingerprint of the trust anchors used (a check is stale when the anchors change). */
  anchors: string;
}

/** The signature whose details stand for the document: the last one that covers the most. */
export function mainSignature(report: Pick<SignatureReport, 'signatures'>): SignatureDetail | undefined {
  let best: SignatureDetail | undefined;
  for (const s of report.signatures) {
    const end = s.byteRange ? s.byteRange[2] + s.byteRange[3] : -1;
    const bestEnd = best?.byteRange ? best.byteRange[2] + best.byteRange[3] : -1;
    if (!best || end >= bestEnd) best = s;
  }
  return best;
}
