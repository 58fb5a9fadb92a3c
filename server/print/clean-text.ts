/**
 * NFC first: pdf-lib maps one code point to one glyph and does not position
 * combining marks, so NFD input (filenames from macOS, some copy-pastes)
 * would print 'ệ' as 'e' followed by two loose accents. Be Vietnam Pro has
 * precomposed glyphs for every NFC Vietnamese letter.
 * Whitespace and control characters collapse to single spaces: a title typed
 * with a line break must still wrap by measured width, not by the newline.
 */
export function cleanText(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFC')
    .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim();
}
