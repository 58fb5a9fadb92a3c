import { cleanText } from './clean-text';
import type { SheetCard } from './types';
import { roomLabel } from '../../shared/room-label';

export const DEFAULT_INSTRUCTION = 'Quét mã QR để xem tài liệu';

/** The strings a card prints, cleaned (NFC, single spaces) and ranked. */
export interface CardText {
  /** The session title, or the meeting title on a meeting-wide code. */
  primary: string;
  /** The meeting title above a session title; empty on a meeting-wide code. */
  secondary: string;
  /** Time and room on one line. */
  details: string;
  /** When delegates may open the documents, or ''. */
  window: string;
  label: string;
  /** Printed for manual entry; the QR itself encodes card.url untouched. */
  url: string;
}

export function cardText(card: SheetCard): CardText {
  const meeting = cleanText(card.meetingTitle);
  const session = cleanText(card.sessionTitle);
  return {
    primary: session || meeting,
    secondary: session ? meeting : '',
    details: [cleanText(card.when), cleanText(roomLabel(card.room ?? '', 'Phòng'))].filter(Boolean).join(' · '),
    window: cleanText(card.window),
    label: cleanText(card.label),
    url: cleanText(card.url),
  };
}
