import type { PDFDocument } from 'pdf-lib';
import type { CardText } from './card-text';
import type { EmbeddedFonts } from './fonts';
import type { HeaderContent } from './header';
import type { QrMatrix } from './qr-matrix';

/** Everything a layout needs that is shared by all cards of one PDF. */
export interface LayoutContext {
  doc: PDFDocument;
  fonts: EmbeddedFonts;
  /** Logo and organizer, without the per-layout sizes (each layout sets those). */
  header: Pick<HeaderContent, 'logo' | 'organizer'>;
  instruction: string;
}

export interface PreparedCard {
  text: CardText;
  qr: QrMatrix;
}
