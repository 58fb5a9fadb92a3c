import { mainSignature, type SignatureReport, type SignatureStatus } from './signature-report';

/** One side of a replacement, as the console shows it. */
export interface SignatureSide {
  status: SignatureStatus;
  signer?: string;
  organization?: string;
  signingTime?: string;
  certificateSha256?: string;
}

export interface SignatureChange {
  before: SignatureSide;
  after: SignatureSide;
}

function sideOf(report: SignatureReport): SignatureSide {
  const main = mainSignature(report);
  return {
    status: report.status,
    ...(main?.signer ? { signer: main.signer.name, organization: main.signer.organization, certificateSha256: main.signer.certificateSha256 } : {}),
    ...(main?.signingTime ? { signingTime: main.signingTime } : {}),
  };
}

/**
 * The difference worth a confirmation when a signed document gets a new file: the new one is
 * unsigned, signed by another certificate, or its signature no longer holds. A signed file
 * replaced by one signed with the same certificate (a corrected, re-signed version) is not asked.
 */
export function signatureChange(before: SignatureReport, after: SignatureReport): SignatureChange | null {
  if (!before.signatures.length) return null;
  const b = sideOf(before);
  const a = sideOf(after);
  const lostValidity = ['invalid', 'modified', 'unverifiable'].includes(a.status) && !['invalid', 'modified', 'unverifiable'].includes(b.status);
  if (!after.signatures.length || a.certificateSha256 !== b.certificateSha256 || lostValidity) return { before: b, after: a };
  return null;
}
