const VOID = new Set(['br', 'img', 'hr', 'wbr']);

/**
 * Cuts well-formed HTML (the sanitizer's output) between top-level elements into parts of
 * about `maxChars` each, so a long Word document arrives as pages of a size a slow link
 * shows quickly. An element bigger than `maxChars` (a long table) stays whole in its part.
 */
export function splitHtml(html: string, maxChars: number): string[] {
  const parts: string[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let partStart = 0;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(html))) {
    const [, closing, name, selfClosing] = match;
    if (VOID.has(name!.toLowerCase()) || selfClosing) continue;
    depth += closing ? -1 : 1;
    const end = tag.lastIndex;
    if (depth === 0 && end - partStart >= maxChars) {
      parts.push(html.slice(partStart, end));
      partStart = end;
    }
  }
  if (partStart < html.length && html.slice(partStart).trim()) parts.push(html.slice(partStart));
  return parts.length ? parts : [''];
}

/** The visible text of an HTML part (for the text rows: search, screen readers, tests). */
export function htmlText(html: string): string {
  return html.replace(/<\/(p|h\d|li|tr|td|th)>/g, '$& ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/\s+/g, ' ').trim();
}
