import { mainSignature, type SignatureReport, type SignatureStatus } from './signature-report';

/** What a delegate is shown about one document's signature (small: it goes into the page cache). */
export interface SignatureBadge {
  status: Exclude<SignatureStatus, 'unsigned'>;
  signer?: string;
  organization?: string;
  /** ISO signing time. */
  time?: string;
  issuer?: string;
  /** ISO end of the certificate's validity. */
  validTo?: string;
  reason?: string;
  reasonDetail?: string;
  changes?: string[];
  /** The main signature's chain leads to a configured anchor (also said for a changed document). */
  trusted?: boolean;
}

/** The badge for a stored report; none for an unsigned document (nothing to say). */
export function signatureBadgeOf(report: SignatureReport | undefined): SignatureBadge | undefined {
  if (!report || report.status === 'unsigned') return undefined;
  const main = mainSignature(report);
  return {
    status: report.status,
    ...(main?.signer ? { signer: main.signer.name, organization: main.signer.organization, issuer: main.signer.issuer, validTo: main.signer.validTo } : {}),
    ...(main?.signingTime ? { time: main.signingTime } : {}),
    ...(main?.status === 'trusted' ? { trusted: true } : {}),
    ...(report.reason ? { reason: report.reason } : {}),
    ...(report.reasonDetail ? { reasonDetail: report.reasonDetail } : {}),
    ...(report.appended ? { changes: report.appended.changes } : {}),
  };
}
