/**
 * Words for digital signatures (ký số), Vietnamese and English, shared by the delegate page,
 * the console and the report's CSV. Codes come from server/signatures/signature-report.ts.
 */
export type SignatureLang = 'vi' | 'en';

type StatusCode = 'trusted' | 'untrusted' | 'modified' | 'invalid' | 'unsigned' | 'unverifiable';

export const signatureStatusWords: Record<SignatureLang, Record<StatusCode | 'pending', string>> = {
  vi: {
    trusted: 'Đã ký số',
    untrusted: 'Đã ký số, chưa xác nhận được nguồn',
    modified: 'Đã sửa sau khi ký',
    invalid: 'Chữ ký không hợp lệ',
    unsigned: 'Không ký số',
    unverifiable: 'Không kiểm tra được chữ ký',
    pending: 'Đang kiểm tra chữ ký',
  },
  en: {
    trusted: 'Digitally signed',
    untrusted: 'Digitally signed, issuer not confirmed',
    modified: 'Changed after signing',
    invalid: 'Invalid signature',
    unsigned: 'Not signed',
    unverifiable: 'Signature could not be checked',
    pending: 'Checking the signature',
  },
};

export const signatureReasonWords: Record<SignatureLang, Record<string, string>> = {
  vi: {
    not_pdf: 'không kiểm tra được: tệp không phải PDF',
    missing_file: 'không kiểm tra được: không tìm thấy tệp',
    store_error: 'không kiểm tra được: kho tài liệu tạm thời không truy cập được',
    too_many_signatures: 'không kiểm tra được: quá nhiều chữ ký trong tệp',
    contents_too_large: 'không kiểm tra được: dữ liệu chữ ký quá lớn',
    unsupported_subfilter: 'không kiểm tra được: kiểu chữ ký chưa hỗ trợ',
    unsupported_algorithm: 'không kiểm tra được: thuật toán chưa hỗ trợ',
    weak_digest: 'không kiểm tra được: thuật toán băm yếu, không còn an toàn',
    no_signed_attributes: 'không kiểm tra được: chữ ký thiếu thuộc tính ký',
    signer_certificate_missing: 'không kiểm tra được: thiếu chứng thư số của người ký',
    internal_error: 'không kiểm tra được: lỗi khi kiểm tra',
    byte_range_malformed: 'không hợp lệ: vùng ký sai cấu trúc',
    byte_range_outside_file: 'không hợp lệ: vùng ký nằm ngoài tệp',
    contents_malformed: 'không hợp lệ: dữ liệu chữ ký hỏng',
    cms_malformed: 'không hợp lệ: dữ liệu chữ ký hỏng',
    digest_mismatch: 'không hợp lệ: nội dung đã bị thay đổi so với lúc ký',
    signature_mismatch: 'không hợp lệ: chữ ký không khớp với chứng thư số',
    certificate_expired_at_signing: 'không hợp lệ: chứng thư số đã hết hạn khi ký',
    certificate_not_yet_valid_at_signing: 'không hợp lệ: chứng thư số chưa có hiệu lực khi ký',
    no_trust_anchors: 'chưa cấu hình chứng thư gốc tin cậy',
    chain_not_trusted: 'chứng thư số không thuộc tổ chức chứng thực được tin cậy',
  },
  en: {
    not_pdf: 'could not check: not a PDF file',
    missing_file: 'could not check: file not found',
    store_error: 'could not check: the document store is unreachable for now',
    too_many_signatures: 'could not check: too many signatures in the file',
    contents_too_large: 'could not check: signature data too large',
    unsupported_subfilter: 'could not check: signature type not supported',
    unsupported_algorithm: 'could not check: algorithm not supported',
    weak_digest: 'could not check: weak digest algorithm, no longer safe',
    no_signed_attributes: 'could not check: the signature has no signed attributes',
    signer_certificate_missing: "could not check: the signer's certificate is missing",
    internal_error: 'could not check: error while checking',
    byte_range_malformed: 'invalid: malformed signed range',
    byte_range_outside_file: 'invalid: signed range outside the file',
    contents_malformed: 'invalid: corrupt signature data',
    cms_malformed: 'invalid: corrupt signature data',
    digest_mismatch: 'invalid: the content changed since it was signed',
    signature_mismatch: 'invalid: the signature does not match the certificate',
    certificate_expired_at_signing: 'invalid: the certificate had expired when signing',
    certificate_not_yet_valid_at_signing: 'invalid: the certificate was not yet valid when signing',
    no_trust_anchors: 'no trusted root certificate configured',
    chain_not_trusted: 'the certificate is not from a trusted certification authority',
  },
};

export const appendedChangeWords: Record<SignatureLang, Record<string, string>> = {
  vi: {
    annotations: 'thêm chú thích sau khi ký',
    pages: 'thêm hoặc sửa trang sau khi ký',
    form_fields: 'điền hoặc sửa biểu mẫu sau khi ký',
    signature_fields: 'thêm ô chữ ký sau khi ký',
    content: 'thêm nội dung sau khi ký',
    other: 'thêm dữ liệu sau khi ký',
  },
  en: {
    annotations: 'annotations added after signing',
    pages: 'pages added or changed after signing',
    form_fields: 'form filled or changed after signing',
    signature_fields: 'signature fields added after signing',
    content: 'content added after signing',
    other: 'data added after signing',
  },
};

export const signatureLabels = {
  vi: {
    signer: 'Người ký', organization: 'Cơ quan', time: 'Thời gian ký', issuer: 'Tổ chức cấp chứng thư', validUntil: 'Chứng thư hiệu lực đến',
    trust: 'Tin cậy', trustedYes: 'Có — chứng thư gốc đã được cấu hình', trustedNo: 'Chưa xác nhận', why: 'Lý do',
    copyNotice: 'Đây là bản sao để đọc trên điện thoại; chữ ký số nằm trong bản gốc.', downloadOriginal: 'Tải bản gốc có chữ ký số',
    copyLabel: 'Bản sao — không mang chữ ký số', changes: 'Thay đổi sau khi ký',
  },
  en: {
    signer: 'Signer', organization: 'Organization', time: 'Signed at', issuer: 'Certificate issuer', validUntil: 'Certificate valid until',
    trust: 'Trusted', trustedYes: 'Yes — its root certificate is configured', trustedNo: 'Not confirmed', why: 'Reason',
    copyNotice: 'This is a copy for reading on the phone; the digital signature lives in the original.', downloadOriginal: 'Download the signed original',
    copyLabel: 'Copy — does not carry the digital signature', changes: 'Changed after signing',
  },
} as const;

/** "không hợp lệ: …" for a reason code, with its detail (an algorithm) when there is one. */
export function signatureReasonText(lang: SignatureLang, reason: string | undefined, detail?: string): string {
  if (!reason) return '';
  const text = signatureReasonWords[lang][reason] ?? reason;
  return detail && ['weak_digest', 'unsupported_subfilter'].includes(reason) ? `${text} (${detail})` : text;
}

/** The organizer console's signature texts (column, replacement confirmation). */
export const signatureConsoleWords = {
  vi: {
    column: 'Chữ ký số',
    pending: 'Đang kiểm tra…',
    none: '—',
    changeTitle: 'Thay tệp đã ký số?',
    changeIntro: 'Tệp hiện tại có chữ ký số. Tệp mới không mang cùng chữ ký đó — đại biểu sẽ không còn thấy văn bản là bản đã ký.',
    before: 'Hiện tại',
    after: 'Tệp mới',
    confirm: 'Vẫn thay tệp',
    by: '{organization} ({signer}), ký lúc {time}',
  },
  en: {
    column: 'Digital signature',
    pending: 'Checking…',
    none: '—',
    changeTitle: 'Replace a digitally signed file?',
    changeIntro: 'The current file is digitally signed. The new file does not carry the same signature — delegates will no longer see the document as the signed one.',
    before: 'Current',
    after: 'New file',
    confirm: 'Replace anyway',
    by: '{organization} ({signer}), signed {time}',
  },
} as const;
