import { StorageUnavailableError, type ObjectStore } from '../storage/object-store';
import { issuerName, subjectNames } from './certificate-names';
import { describeAppendedChanges } from './describe-appended-changes';
import { hashByteRanges, portableHash, type HashFactory, type RangeDigest } from './hash-byte-ranges';
import { readCmsSignature, verifySignedAttributes, type DigestName } from './read-cms-signature';
import { checkByteRange, parsePdfDate, readSignatureDictionary } from './read-signature-dictionary';
import { scanByteRanges } from './scan-byte-ranges';
import type { SignatureDetail, SignatureReport, SignatureStatus } from './signature-report';
import { chainsToAnchor, type TrustAnchors } from './trust-anchors';

/** More signature dictionaries than this and the document is not checked (bounded work). */
export const MAX_SIGNATURES = 20;
/** Bytes after the last signed range that only whitespace may fill (some tools add a newline). */
const TRAILING_ROOM = 16;
const CHECKED_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

export interface SignatureCheckPorts {
  store: ObjectStore;
  anchors: TrustAnchors;
  /** A native incremental hash when the runtime has one; pure JS otherwise. */
  hash?: HashFactory;
}

interface PendingDigest {
  detail: SignatureDetail;
  digest: DigestName;
  expected: Uint8Array;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Checks every signature of the PDF stored under `key`: two streamed reads of the file (find the
 * signature dictionaries, then hash all their ranges at once) and small ranged reads for each
 * /Contents. Never throws: every failure ends as a status with a reason.
 */
export async function checkPdfSignatures(ports: SignatureCheckPorts, key: string): Promise<SignatureReport> {
  const base = { signatures: [], anchors: ports.anchors.fingerprint };
  try {
    return await check(ports, key);
  } catch (error) {
    if (error instanceof StorageUnavailableError) return { ...base, status: 'unverifiable', reason: 'store_error' };
    console.error(`signature check of ${key}:`, error);
    return { ...base, status: 'unverifiable', reason: 'internal_error', reasonDetail: error instanceof Error ? error.message.slice(0, 120) : undefined };
  }
}

async function check(ports: SignatureCheckPorts, key: string): Promise<SignatureReport> {
  const { store, anchors } = ports;
  const base = { signatures: [] as SignatureDetail[], anchors: anchors.fingerprint };
  const whole = await store.get(key);
  if (!whole) return { ...base, status: 'unverifiable', reason: 'missing_file' };
  const scan = await scanByteRanges(whole.body, MAX_SIGNATURES + 1);
  if (!scan.startsLikePdf) return { ...base, status: 'unverifiable', reason: 'not_pdf' };
  if (!scan.found.length) return { ...base, status: 'unsigned' };
  if (scan.found.length > MAX_SIGNATURES) return { ...base, status: 'unverifiable', reason: 'too_many_signatures', reasonDetail: `> ${MAX_SIGNATURES}` };

  const pending: PendingDigest[] = [];
  const targets: RangeDigest[] = [];
  for (const { ranges } of scan.found) {
    const detail: SignatureDetail = { status: 'invalid', reason: 'byte_range_malformed' };
    base.signatures.push(detail);
    if (!ranges) continue;
    detail.byteRange = ranges;
    const rangeProblem = checkByteRange(ranges, scan.size);
    if (rangeProblem) {
      detail.reason = rangeProblem;
      continue;
    }
    const item = await inspectSignature(ports, key, ranges, detail);
    if (item) {
      pending.push(item);
      targets.push({ ranges, hash: (ports.hash ?? portableHash)(item.digest) });
    }
  }

  if (targets.length) {
    const again = await store.get(key);
    if (!again) return { ...base, status: 'unverifiable', reason: 'missing_file' };
    const digests = await hashByteRanges(again.body, targets);
    pending.forEach((p, i) => {
      // The signed messageDigest must be the digest of exactly these bytes: one flipped byte fails here.
      if (!sameBytes(digests[i] ?? new Uint8Array(0), p.expected)) Object.assign(p.detail, { status: 'invalid', reason: 'digest_mismatch' });
    });
  }

  const report: SignatureReport = { ...base, status: 'unsigned' };
  await markCoverage(store, key, scan.size, report);
  report.status = documentStatus(report);
  const main = report.signatures.find((s) => s.status === 'invalid' || s.status === 'unverifiable');
  if (main?.reason && report.status !== 'trusted') {
    report.reason = main.reason;
    if (main.reasonDetail) report.reasonDetail = main.reasonDetail;
  } else if (report.status === 'untrusted') {
    report.reason = anchors.certificates.length ? 'chain_not_trusted' : 'no_trust_anchors';
  }
  return report;
}

/** Everything but the digest of the ranges: dictionary, CMS, signature over the attributes, chain. */
async function inspectSignature(ports: SignatureCheckPorts, key: string, ranges: [number, number, number, number], detail: SignatureDetail): Promise<PendingDigest | null> {
  const dictionary = await readSignatureDictionary(ports.store, key, ranges);
  if (!dictionary.ok) {
    Object.assign(detail, { status: dictionary.reason === 'contents_too_large' ? 'unverifiable' : 'invalid', reason: dictionary.reason, reasonDetail: dictionary.detail });
    return null;
  }
  if (dictionary.subFilter) detail.subFilter = dictionary.subFilter;
  const claimedTime = parsePdfDate(dictionary.m);
  if (claimedTime) Object.assign(detail, { signingTime: claimedTime, signingTimeSource: 'dictionary' });
  if (dictionary.subFilter && !CHECKED_SUBFILTERS.has(dictionary.subFilter)) {
    Object.assign(detail, { status: 'unverifiable', reason: 'unsupported_subfilter', reasonDetail: dictionary.subFilter });
    return null;
  }
  const read = readCmsSignature(dictionary.cms);
  if (!read.ok) {
    const couldNotCheck = read.reason !== 'cms_malformed';
    Object.assign(detail, { status: couldNotCheck ? 'unverifiable' : 'invalid', reason: read.reason, reasonDetail: read.detail });
    return null;
  }
  const { cms } = read;
  const names = subjectNames(cms.signer.subject);
  const validFrom = cms.signer.notBefore.value;
  const validTo = cms.signer.notAfter.value;
  detail.digestAlgorithm = cms.digest;
  detail.signer = {
    ...names,
    issuer: issuerName(cms.signer.issuer),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    certificateSha256: hex(new Uint8Array(await crypto.subtle.digest('SHA-256', cms.signer.toSchema(true).toBER(false)))),
  };
  if (cms.signingTime) Object.assign(detail, { signingTime: cms.signingTime.toISOString(), signingTimeSource: 'signed_attribute' });

  const verified = await verifySignedAttributes(cms);
  if (verified.unsupported) {
    Object.assign(detail, { status: 'unverifiable', reason: 'unsupported_algorithm', reasonDetail: verified.unsupported });
    return null;
  }
  if (!verified.ok) {
    Object.assign(detail, { status: 'invalid', reason: 'signature_mismatch' });
    return null;
  }
  // Validity and trust are judged at the signing time the signer claims (as Acrobat does by
  // default): a certificate that expired since still made a good signature then.
  const at = detail.signingTime ? new Date(detail.signingTime) : new Date();
  if (at > validTo) Object.assign(detail, { status: 'invalid', reason: 'certificate_expired_at_signing' });
  else if (at < validFrom) Object.assign(detail, { status: 'invalid', reason: 'certificate_not_yet_valid_at_signing' });
  else {
    const trusted = await chainsToAnchor(cms.signer, cms.certificates, ports.anchors, at);
    Object.assign(detail, { status: trusted ? 'trusted' : 'untrusted', reason: undefined });
    if (!trusted) detail.reason = ports.anchors.certificates.length ? 'chain_not_trusted' : 'no_trust_anchors';
  }
  return { detail, digest: cms.digest, expected: cms.messageDigest };
}

/** Which signatures reach the end of the file, and what was appended after the last one. */
async function markCoverage(store: ObjectStore, key: string, size: number, report: SignatureReport) {
  let end = 0;
  for (const s of report.signatures) if (s.byteRange && s.reason !== 'byte_range_outside_file') end = Math.max(end, s.byteRange[2] + s.byteRange[3]);
  let whole = end === size;
  if (!whole && end > 0 && size - end <= TRAILING_ROOM) {
    const tail = await store.get(key, { start: end, end: size - 1 });
    const text = tail ? await new Response(tail.body).text() : 'x';
    whole = text.trim() === '';
  }
  for (const s of report.signatures) {
    if (s.byteRange) s.coversWholeFile = whole && s.byteRange[2] + s.byteRange[3] === end;
  }
  if (!whole && end > 0) {
    const rest = await store.get(key, { start: end, end: size - 1 });
    report.appended = { bytes: size - end, changes: rest ? await describeAppendedChanges(rest.body) : ['other'] };
  }
}

function documentStatus(report: SignatureReport): SignatureStatus {
  const statuses = new Set(report.signatures.map((s) => s.status));
  if (statuses.has('invalid')) return 'invalid';
  if (report.appended) return 'modified';
  if (statuses.has('unverifiable')) return 'unverifiable';
  if (statuses.has('untrusted')) return 'untrusted';
  return 'trusted';
}
