import { describe, expect, it } from 'vitest';
import { sheetFilename } from './sheet-filename';

describe('sheetFilename', () => {
  it('names the PDF after the meeting, and the session when only one is printed', () => {
    expect(sheetFilename('Kỳ họp thứ 9 HĐND tỉnh', null, 'a4')).toBe('Mã QR - Kỳ họp thứ 9 HĐND tỉnh (A4).pdf');
    expect(sheetFilename('Kỳ họp thứ 9', 'Phiên khai mạc', 'tent')).toBe('Mã QR - Kỳ họp thứ 9 - Phiên khai mạc (bảng gấp).pdf');
  });
  it('drops what Windows refuses in a file name and keeps it short', () => {
    expect(sheetFilename('Báo cáo: 6/12 "quý IV"?', null, 'grid')).toBe('Mã QR - Báo cáo 6 12 quý IV (thẻ cắt).pdf');
    expect(sheetFilename('x'.repeat(200), null, 'a4').length).toBeLessThan(110);
  });
  it('is NFC even from NFD input', () => {
    expect(sheetFilename('Kỳ họp'.normalize('NFD'), null, 'a4')).toBe('Mã QR - Kỳ họp (A4).pdf');
  });
});
