import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cardRegions, type SheetLayout } from '../../server/print/render-sheets';
import { codeUrl, MEETING, renderSheets, ROOM, SESSION, tableCards, WHEN } from './fixtures';
import { collapse, pdfText, pdfWords, type Word, tempPdfs } from './poppler';
import { regionOf, toBox, wordInside } from './regions';

const LAYOUTS: SheetLayout[] = ['a4', 'tent', 'grid'];
const ORGANIZER = 'Văn phòng Huyện ủy Gio Linh';
const INSTRUCTION = 'Quét mã QR để xem tài liệu';
// Long enough to need several lines everywhere, and ellipsis on the small cards.
const LONG_TITLE =
  'Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12 (mở rộng) thảo luận, góp ý dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025–2030';

const file = tempPdfs();

/** How many times `needle` occurs in `haystack`. */
const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

/**
 * Every word must lie inside the card region that holds its centre, and
 * every word must belong to some region: nothing overflows a card.
 */
function expectAllInside(pages: Awaited<ReturnType<typeof pdfWords>>, layout: SheetLayout): void {
  for (const page of pages) {
    const boxes = cardRegions(layout).map((r) => toBox(r, page.height));
    for (const word of page.words) {
      const region = regionOf(word, boxes);
      expect(region, `word "${word.text}" outside every card`).toBeGreaterThanOrEqual(0);
      expect(wordInside(word, boxes[region]!), `word "${word.text}" crosses its card's edge`).toBe(true);
    }
  }
}

/** The title's words as pdftotext found them in one region, in reading order. */
function titleWords(words: Word[], title: string): Word[] {
  const expected = title.split(' ');
  for (let i = 0; i < words.length; i++) {
    let j = 0;
    while (j < expected.length && words[i + j]?.text === expected[j]) j++;
    if (j === expected.length) return words.slice(i, i + j);
    // An ellipsized title ends with a cut word carrying '…'.
    if (j >= 3 && words[i + j]?.text.endsWith('…')) return words.slice(i, i + j + 1);
  }
  return [];
}

describe.each(LAYOUTS)('%s sheet text (pdftotext)', (layout) => {
  it.each(['NFC', 'NFD'] as const)('prints exact NFC Vietnamese text from %s input', async (form) => {
    const pdf = await file(
      await renderSheets(tableCards(2, form), { layout, organizer: ORGANIZER.normalize(form) }),
    );
    const pages = await pdfText(pdf);
    const text = collapse(pages.join('\n'));
    for (const expected of [MEETING, SESSION, WHEN, ROOM, ORGANIZER, INSTRUCTION, 'Bàn 1', 'Bàn 2']) {
      expect(text).toContain(expected);
    }
    // The URL may be broken across lines on a narrow card; its characters must all be there in order.
    expect(text.replace(/ /g, '')).toContain(codeUrl(0));
    // Not a single combining mark: NFD input was normalised before drawing.
    expect(text).not.toMatch(/\p{M}/u);
    // Tents print every face twice (one per half).
    const faces = layout === 'tent' ? 2 : 1;
    expect(count(text, SESSION)).toBe(2 * faces);
  });

  it('wraps a long title over several lines and keeps every word inside its card', async () => {
    const cards = tableCards(layout === 'grid' ? 6 : 1, 'NFD').map((card) => ({
      ...card,
      sessionTitle: LONG_TITLE.normalize('NFD'),
    }));
    const pdf = await file(await renderSheets(cards, { layout, organizer: ORGANIZER }));
    const pages = await pdfWords(pdf);
    expectAllInside(pages, layout);
    for (const page of pages) {
      const boxes = cardRegions(layout).map((r) => toBox(r, page.height));
      boxes.forEach((box, region) => {
        const inRegion = page.words.filter((w) => regionOf(w, boxes) === region);
        const title = titleWords(inRegion, LONG_TITLE);
        expect(title.length, `title found in region ${region}`).toBeGreaterThan(3);
        const lines = new Set(title.map((w) => Math.round(w.yMin)));
        expect(lines.size, 'title wrapped').toBeGreaterThanOrEqual(2);
        for (const w of title) expect(wordInside(w, box)).toBe(true);
      });
    }
  });

  it('shrinks then ellipsizes an absurdly long title instead of overflowing', async () => {
    const absurd = Array.from({ length: 6 }, () => LONG_TITLE).join(' ');
    const cards = tableCards(layout === 'grid' ? 3 : 1).map((card) => ({ ...card, sessionTitle: absurd, meetingTitle: absurd }));
    const pdf = await file(await renderSheets(cards, { layout, organizer: absurd }));
    const pages = await pdfWords(pdf);
    expectAllInside(pages, layout);
    const text = collapse((await pdfText(pdf)).join('\n'));
    expect(text).toContain('…');
    // The URL is never sacrificed for the title.
    expect(text.replace(/ /g, '')).toContain(codeUrl(0));
  });
});

describe('fonts', () => {
  it('embeds both Be Vietnam Pro weights, subset', async () => {
    const pdf = await file(await renderSheets(tableCards(1), { layout: 'a4', organizer: ORGANIZER }));
    const { stdout } = await promisify(execFile)('pdffonts', [pdf.path]);
    const fonts = stdout.trim().split('\n').slice(2);
    expect(fonts).toHaveLength(2);
    expect(fonts.some((line) => /BeVietnamPro-Regular/.test(line))).toBe(true);
    expect(fonts.some((line) => /BeVietnamPro-Bold/.test(line))).toBe(true);
    // Columns: name type encoding emb sub uni — every font embedded, with a ToUnicode map.
    for (const line of fonts) expect(line).toMatch(/Identity-H\s+yes\s+\w+\s+yes/);
    // The two full TTFs are ~270 KB together; a subset sheet is a small fraction of that.
    const { size } = await stat(pdf.path);
    expect(size).toBeLessThan(60_000);
  });
});
