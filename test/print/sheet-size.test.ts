import { describe, expect, it } from 'vitest';
import { codeUrl, logoPng, renderSheets, tableCards } from './fixtures';
import { collapse, pdfText, tempPdfs } from './poppler';

const file = tempPdfs();

describe('file size', () => {
  it('a 100-card grid is under 300 KB and complete', async () => {
    const cards = tableCards(100);
    const bytes = await renderSheets(cards, {
      layout: 'grid',
      organizer: 'Văn phòng Huyện ủy Gio Linh',
      logo: { bytes: logoPng(), type: 'png' },
    });
    expect(bytes.byteLength).toBeLessThan(300 * 1024);
    // Small because it is right, not because something was left out.
    const pdf = await file(bytes);
    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(17);
    const last = collapse(pages[16]!);
    expect(last).toContain('Bàn 100');
    expect(last.replace(/ /g, '')).toContain(codeUrl(99));
  });
});

describe('input errors', () => {
  it('refuses an empty batch, an unknown layout and a card without a URL', async () => {
    await expect(renderSheets([], { layout: 'grid' })).rejects.toThrow(RangeError);
    await expect(renderSheets(tableCards(1), { layout: 'poster' as never })).rejects.toThrow(/layout/);
    await expect(renderSheets([{ url: '', meetingTitle: 'Họp' }], { layout: 'a4' })).rejects.toThrow(/url/);
  });
});
