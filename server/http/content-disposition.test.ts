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
    expect(contentDisposition('attachment', 'a.pdf')).toMatch(/^attachment; filename="a.pdf"/);
  });
});
