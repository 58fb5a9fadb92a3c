import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SheetCard, SheetLayout, SheetOptions } from '../../server/print/render-sheets';
import { logoPng, renderSheets, tableCards } from './fixtures';

// Renders sample sheets for a person to look at:
//   npx tsx test/print/render-samples.ts /tmp/print-look
//   pdftoppm -r 80 -png /tmp/print-look/grid-logo.pdf /tmp/print-look/grid-logo
const out = process.argv[2] ?? '/tmp/print-look';
mkdirSync(out, { recursive: true });

const LONG =
  'Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12 (mở rộng) thảo luận, góp ý dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025–2030';
const WINDOW = 'Xem tài liệu từ 13:30 đến 17:00 ngày 01/12/2026';
const WINDOW_TWO_DAYS = 'Xem tài liệu từ 07:30 ngày 01/12/2026 đến 17:00 ngày 02/12/2026';
const nfd = (cards: SheetCard[]) =>
  cards.map((card) => ({ ...card, meetingTitle: card.meetingTitle.normalize('NFD'), sessionTitle: card.sessionTitle?.normalize('NFD') }));
const meetingWide = (card: SheetCard): SheetCard => ({ url: card.url, meetingTitle: card.meetingTitle, when: '27–28/11/2026', room: 'Hội trường Huyện ủy' });

const samples: Array<[string, SheetLayout, SheetCard[], Partial<SheetOptions>]> = [
  ['plain', 'a4', [...nfd(tableCards(1)), meetingWide(tableCards(1)[0]!)], {}],
  ['logo', 'a4', tableCards(1), { organizer: 'Văn phòng Huyện ủy Gio Linh', logo: { bytes: logoPng(300, 120), type: 'png' } }],
  ['long', 'a4', tableCards(1).map((card) => ({ ...card, sessionTitle: LONG })), { organizer: LONG }],
  ['plain', 'tent', tableCards(1), {}],
  ['logo', 'tent', tableCards(1), { organizer: 'Văn phòng Huyện ủy Gio Linh', logo: { bytes: logoPng(), type: 'png' } }],
  ['long', 'tent', tableCards(1).map((card) => ({ ...card, sessionTitle: LONG, meetingTitle: LONG })), { organizer: LONG }],
  ['plain', 'grid', [...nfd(tableCards(5)), meetingWide(tableCards(1)[0]!)], {}],
  ['logo', 'grid', tableCards(6), { organizer: 'Văn phòng Huyện ủy Gio Linh', logo: { bytes: logoPng(), type: 'png' } }],
  ['long', 'grid', tableCards(6).map((card) => ({ ...card, sessionTitle: LONG, meetingTitle: LONG, label: 'Đoàn đại biểu xã Gio Mỹ' })), { organizer: LONG, logo: { bytes: logoPng(480, 60), type: 'png' } }],
  // A viewing window on every code, and on the long titles where space is shortest.
  ['window', 'a4', tableCards(1).map((card) => ({ ...card, window: WINDOW })), { organizer: 'Văn phòng HĐND xã' }],
  ['window', 'tent', tableCards(1).map((card) => ({ ...card, window: WINDOW })), {}],
  ['window', 'grid', tableCards(6).map((card) => ({ ...card, sessionTitle: LONG, window: WINDOW_TWO_DAYS })), {}],
];

for (const [name, layout, cards, options] of samples) {
  const pdf = await renderSheets(cards, { layout, ...options });
  writeFileSync(join(out, `${layout}-${name}.pdf`), pdf);
  console.log(`${layout}-${name}.pdf`, pdf.byteLength, 'bytes');
}
