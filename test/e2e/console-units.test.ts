// The console's pure pieces, without a browser: wall-clock times in the meeting's timezone,
// labelled-variant ranges, the string tables and the refusal texts.
import { describe, expect, it } from 'vitest';
import { consoleStrings, translate } from '../../shared/i18n/console';
import { ApiFailure } from '../../web/src/api/client';
import { formatBytes, formatDay, formatSessionTime } from '../../web/src/format/display';
import { isoToZoned, todayIn, zonedToIso } from '../../web/src/format/zoned-time';
import { errorText } from '../../web/src/i18n/error-text';
import { labelsFromRange, nextNumber } from '../../web/src/screens/meeting/codes/variants-form';

describe('times in the meeting timezone', () => {
  it.each([
    ['Asia/Ho_Chi_Minh', '2026-03-15', '08:30', '2026-03-15T01:30:00.000Z'],
    ['Asia/Ho_Chi_Minh', '2026-01-01', '00:15', '2025-12-31T17:15:00.000Z'],
    ['UTC', '2026-03-15', '08:30', '2026-03-15T08:30:00.000Z'],
    // Daylight saving: Paris is UTC+1 in winter and UTC+2 after the last Sunday of March.
    ['Europe/Paris', '2026-03-28', '10:00', '2026-03-28T09:00:00.000Z'],
    ['Europe/Paris', '2026-03-30', '10:00', '2026-03-30T08:00:00.000Z'],
  ])('%s %s %s ⇄ %s', (tz, day, time, iso) => {
    expect(zonedToIso(day, time, tz)).toBe(iso);
    expect(isoToZoned(iso, tz)).toEqual({ day, time });
  });

  it("knows today's date in the hall, not on the laptop", () => {
    // 20:00 UTC on 14 March is already 15 March in Hà Nội.
    expect(todayIn('Asia/Ho_Chi_Minh', Date.parse('2026-03-14T20:00:00Z'))).toBe('2026-03-15');
  });

  it('formats Vietnamese style', () => {
    expect(formatSessionTime('2026-03-15T01:00:00Z', '2026-03-15T02:30:00Z', 'Asia/Ho_Chi_Minh', 'vi')).toMatch(/^08:00–09:30 · .*15\/03\/2026$/);
    expect(formatDay('2026-03-15', 'vi')).toMatch(/15\/03\/2026/);
    expect(formatBytes(1536, 'vi')).toBe('1,5 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
  });
});

describe('labelled variants', () => {
  it('makes "Bàn 1" … "Bàn 20" from a prefix and a range', () => {
    const labels = labelsFromRange('Bàn', 1, 20);
    expect(labels).toHaveLength(20);
    expect(labels[0]).toBe('Bàn 1');
    expect(labels[19]).toBe('Bàn 20');
  });
  it('refuses empty or reversed ranges and caps at the API limit', () => {
    expect(labelsFromRange('Bàn', 5, 1)).toEqual([]);
    expect(labelsFromRange('Bàn', Number.NaN, 3)).toEqual([]);
    expect(labelsFromRange('', 1, 1000)).toHaveLength(200);
  });
  it('numbers on after the labels that exist with the same prefix (any case), ignoring others', () => {
    expect(nextNumber('Bàn', [])).toBe(1);
    expect(nextNumber('Bàn', ['Bàn 1', 'Bàn 2', 'Bàn 10', 'Đoàn 30', 'Bàn phụ'])).toBe(11);
    expect(nextNumber(' bàn ', ['BÀN 4'])).toBe(5);
    expect(nextNumber('', ['7', 'Bàn 9'])).toBe(8);
  });
});

describe('console strings', () => {
  it('has every key in both languages, with the same placeholders', () => {
    const placeholders = (v: unknown) => (typeof v === 'string' ? [...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : null);
    for (const key of Object.keys(consoleStrings.vi) as (keyof typeof consoleStrings.vi)[]) {
      expect(consoleStrings.en[key], key).toBeDefined();
      const vi = placeholders(consoleStrings.vi[key]);
      const en = placeholders(consoleStrings.en[key]);
      if (vi && en) expect(en, key).toEqual(vi);
    }
  });
  it('fills parameters and English plurals', () => {
    expect(translate('vi', 'variants.create', { n: 20 })).toBe('Tạo 20 mã');
    expect(translate('en', 'variants.create', { n: 1 })).toBe('Create 1 code');
    expect(translate('en', 'variants.create', { n: 20 })).toBe('Create 20 codes');
  });
  it('explains refusals in the console language', () => {
    const t = { t: (key: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('vi', key, p) };
    expect(errorText(new ApiFailure(401, 'invalid_credentials', 'Wrong email or password'), t)).toBe('Sai email hoặc mật khẩu. Vui lòng kiểm tra lại.');
    expect(errorText(new ApiFailure(413, 'file_too_large', '"x" is larger'), t, { maxUploadBytes: 200 * 1048576 })).toBe('Tệp quá lớn: tối đa 200 MB mỗi tệp.');
    expect(errorText(new ApiFailure(409, 'confidential_document', '"Dự thảo" is marked confidential and cannot be attached'), t)).toMatch(/^“Dự thảo” là tài liệu mật/);
    expect(errorText(new ApiFailure(0, 'network', 'x'), t)).toMatch(/Không kết nối được/);
  });
});
