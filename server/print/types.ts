/** Public types of the print library; the HTTP route and the CLI build these. */

export type SheetLayout = 'a4' | 'tent' | 'grid';

export interface SheetCard {
  /** What the QR encodes and what is printed under it. */
  url: string;
  meetingTitle: string;
  /** Absent for the meeting-wide code. */
  sessionTitle?: string;
  /** Already formatted time text, e.g. '08:00 – 11:30, 28/11/2026'. */
  when?: string;
  room?: string;
  /** Already formatted viewing window, e.g. 'Xem tài liệu từ 08:00 đến 17:00 ngày 01/12/2026'. */
  window?: string;
  /** Labelled variant, e.g. 'Bàn 12'. */
  label?: string;
  /** The code printed, so the sheet can be recorded with the base URL it encodes. */
  codeId?: string;
}

export interface SheetOptions {
  layout: SheetLayout;
  /** Organizer name printed in the header area. */
  organizer?: string;
  logo?: { bytes: Uint8Array; type: 'png' | 'jpg' };
  /** One-line instruction; default 'Quét mã QR để xem tài liệu'. */
  instruction?: string;
  /** Small line at the foot of every page: when it was printed, with which address (printed-line-text.ts). */
  printedLine?: string;
}

export type { SheetFonts } from '../ports/sheet-fonts';
