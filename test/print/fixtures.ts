import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { renderSheets as renderSheetsWith, type SheetCard, type SheetOptions } from '../../server/print/render-sheets';
import { readSheetFonts } from '../../server/runtime/node/font-bytes';

/** renderSheets with the fonts the Node entry hands in (read from node_modules). */
export const renderSheets = (cards: SheetCard[], options: SheetOptions) => renderSheetsWith(cards, options, readSheetFonts());

export const MEETING = 'Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12';
export const SESSION = 'Phiên thứ nhất: Báo cáo chính trị';
export const WHEN = '08:00 – 11:30, 28/11/2026';
export const ROOM = 'Hội trường Huyện ủy';

/**
 * A URL shaped like the real ones: origin + /s/ + 22 base64url characters
 * (132 bits), distinct per index and stable between runs.
 */
export function codeUrl(index: number): string {
  const token = createHash('sha256').update(`qrhop-print-test-${index}`).digest('base64url').slice(0, 22);
  return `https://qrhop.example.vn/s/${token}`;
}

/** Labelled variants 'Bàn 1' … 'Bàn n' of one session, each with its own URL. */
export function tableCards(count: number, form: 'NFC' | 'NFD' = 'NFC'): SheetCard[] {
  return Array.from({ length: count }, (_, i) => ({
    url: codeUrl(i),
    meetingTitle: MEETING.normalize(form),
    sessionTitle: SESSION.normalize(form),
    when: WHEN,
    room: ROOM.normalize(form),
    label: `Bàn ${i + 1}`.normalize(form),
  }));
}

/** A small opaque PNG logo: a red disc on a yellow field, like a party emblem placeholder. */
export function logoPng(width = 120, height = 120): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 2.4) ** 2;
      png.data[i] = inside ? 200 : 250;
      png.data[i + 1] = inside ? 20 : 210;
      png.data[i + 2] = inside ? 30 : 60;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
