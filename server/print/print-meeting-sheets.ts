import type { MeetingRow } from '../auth/authorize';
import type { Db } from '../db/database';
import { DomainError } from '../domain-error';
import { readMeetingLogo } from '../meetings/meeting-logo';
import type { SheetFontsLoader } from '../ports/sheet-fonts';
import type { ObjectStore } from '../storage/object-store';
import { printedLineText } from './printed-line-text';
import { buildSheetCards, type SheetSelection } from './sheet-cards';
import type { SheetLayout, SheetOptions } from './types';

export interface SheetsDeps {
  db: Db;
  loadSheetFonts: SheetFontsLoader;
  /** Where the meeting's logo is; absent: sheets without the logo. */
  store?: ObjectStore;
}

/**
 * The PDF sheets of a meeting's codes, with its organizer name and (when asked and
 * stored) its logo, and at the foot of each page when it was printed with which base URL
 * (`printedAt`: the time the caller records the sheet with). The console's route and the
 * CLI both print through this.
 */
export async function printMeetingSheets(deps: SheetsDeps, meeting: MeetingRow, selection: SheetSelection & { layout: SheetLayout; withLogo: boolean }, baseUrl: string, printedAt: number): Promise<{ pdf: Uint8Array; cards: number; codeIds: string[] }> {
  const cards = await buildSheetCards(deps.db, meeting, selection, baseUrl);
  if (cards.length === 0) throw new DomainError('nothing_to_print', 'No code matches this selection (check sessions and variants)');
  const options: SheetOptions = { layout: selection.layout, printedLine: printedLineText(baseUrl, printedAt, meeting.timezone), ...(meeting.organizer && { organizer: meeting.organizer }) };
  const logo = selection.withLogo && deps.store ? await readMeetingLogo(deps.store, meeting) : null;
  if (logo) options.logo = logo;
  // Loaded on first use: the PDF code and its fonts cost ~30 MB a delegate-only server never needs.
  const { renderSheets } = await import('./render-sheets');
  try {
    // The codes on the sheet, so it can be recorded with the base URL they carry (record-printed-sheet.ts).
    const codeIds = cards.flatMap((card) => (card.codeId ? [card.codeId] : []));
    return { pdf: await renderSheets(cards, options, await deps.loadSheetFonts()), cards: cards.length, codeIds };
  } catch (error) {
    // The bytes passed the PNG/JPEG check at upload but the image inside is broken.
    if (options.logo) throw new DomainError('bad_logo', 'The sheet logo could not be read; upload it again as PNG or JPEG');
    throw error;
  }
}
