import { describe, expect, it } from 'vitest';
import { copyLabel, mayAlterBytes } from './altered-copy-policy';
import { renderCopyNotice, renderSignatureBadge } from './render-signature-badge';
import { signatureChange } from './compare-signatures';
import type { SignatureReport } from './signature-report';

describe('the altered-copy rule', () => {
  it('lets a feature write into a PDF only when its check found no signature', () => {
    expect(mayAlterBytes('unsigned')).toBe(true);
    for (const status of ['trusted', 'untrusted', 'modified', 'invalid', 'unverifiable', undefined] as const) {
      expect(mayAlterBytes(status), String(status)).toBe(false);
    }
    expect(mayAlterBytes(undefined, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(true);
  });

  it('labels copies of signed originals, in both languages', () => {
    expect(copyLabel('trusted', 'vi')).toBe('Bản sao — không mang chữ ký số');
    expect(copyLabel('invalid', 'en')).toBe('Copy — does not carry the digital signature');
    expect(copyLabel('unsigned', 'vi')).toBeNull();
  });
});

describe('renderSignatureBadge', () => {
  it('escapes whatever a certificate says', () => {
    const html = renderSignatureBadge({ status: 'untrusted', signer: '<script>alert(1)</script>', organization: 'A & "B"', issuer: "O'Neil CA" }, 'vi', 'Asia/Ho_Chi_Minh');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('A &#38; &#34;B&#34;');
    expect(html).toContain('Đã ký số, chưa xác nhận được nguồn · A &#38; &#34;B&#34;');
  });

  it('says nothing for an unsigned document, and links the original from a copy', () => {
    expect(renderSignatureBadge(undefined, 'vi', 'Asia/Ho_Chi_Minh')).toBe('');
    expect(renderCopyNotice(undefined, '/s/t/d/1?download=1', 'vi')).toBe('');
    const notice = renderCopyNotice({ status: 'trusted' }, '/s/t/d/1?download=1', 'vi');
    expect(notice).toContain('chữ ký số nằm trong bản gốc');
    expect(notice).toContain('<a href="/s/t/d/1?download=1" download>Tải bản gốc có chữ ký số</a>');
    expect(renderCopyNotice({ status: 'trusted' }, '/x', 'en')).toContain('Download the signed original');
  });
});

describe('signatureChange', () => {
  const report = (status: SignatureReport['status'], cert?: string): SignatureReport => ({
    status, anchors: 'x',
    signatures: cert ? [{ status: 'trusted', byteRange: [0, 1, 3, 1], signer: { name: 'N', organization: 'O', issuer: 'I', certificateSha256: cert } }] : [],
  });
  it('asks when a signed file gives way to an unsigned, differently signed or broken one', () => {
    expect(signatureChange(report('trusted', 'a'), report('unsigned'))).toMatchObject({ before: { status: 'trusted', organization: 'O' }, after: { status: 'unsigned' } });
    expect(signatureChange(report('trusted', 'a'), report('trusted', 'b'))).not.toBeNull();
    expect(signatureChange(report('trusted', 'a'), report('modified', 'a'))).not.toBeNull();
    expect(signatureChange(report('trusted', 'a'), report('trusted', 'a'))).toBeNull();
    expect(signatureChange(report('unsigned'), report('unsigned'))).toBeNull();
  });
});
