import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition';

describe('contentDisposition', () => {
  it('keeps the exact Vietnamese name in filename* and an ASCII fallback in filename', () => {
    const value = contentDisposition('inline', 'Đề án (dự thảo) "mới".pdf'.normalize('NFD'));
    expect(value).toBe(`inline; filename="De an (du thao) _moi_.pdf"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20%28d%E1%BB%B1%20th%E1%BA%A3o%29%20%22m%E1%BB%9Bi%22.pdf`);
    const star = value.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(star)).toBe('Đề án (dự thảo) "mới".pdf'.normalize('NFC'));
  });

  it('makes attachments for downloads', () => {
    expect(contentDisposition('attachment', 'a.pdf')).toBe(`attachment; filename="a.pdf"; filename*=UTF-8''a.pdf`);
  });

  it('escapes what would end or break the quoted fallback, and the RFC 8187 specials', () => {
    expect(contentDisposition('inline', `đơn\\x'*.pdf`)).toBe(`inline; filename="don_x'*.pdf"; filename*=UTF-8''%C4%91%C6%A1n%5Cx%27%2A.pdf`);
    // Characters with no ASCII form become '_' (one per UTF-16 unit), control characters too.
    expect(contentDisposition('inline', '报告\u0007~.pdf')).toBe(`inline; filename="___~.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%07~.pdf`);
  });
});
