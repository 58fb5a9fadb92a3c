/**
 * The reader's style, after the shared page style. Page images take the screen's width
 * (their width and height attributes keep the space, so nothing jumps while they load);
 * Word text is set a little larger than the list, tables scroll sideways instead of
 * shrinking the text. Same colour pairs as the list (WCAG AA).
 */
export const READER_CSS = `header .back{display:inline-block;color:#fff;font-weight:600;text-decoration:none;padding:12px 0;margin:-12px 0 2px}
.rd{max-width:900px;padding:0 0 16px}.pg{margin:0 0 6px;background:#fff}.pg img{display:block;width:100%;height:auto}
.tools{display:flex;flex-wrap:wrap;gap:0 4px;margin:0;padding:4px 8px}.tools a{display:inline-flex;align-items:center;min-height:48px;padding:0 8px;color:#0b3d91;font-weight:600}
.rd .note{margin:8px}.word{background:#fff;padding:12px 16px;font-size:1.07rem;line-height:1.6;overflow-wrap:anywhere}
.word h2,.word h3,.word h4{line-height:1.3}.word table{border-collapse:collapse;display:block;overflow-x:auto;max-width:100%;margin:12px 0}
.word td,.word th{border:1px solid #c9cdd4;padding:4px 6px;vertical-align:top;min-width:4em}.word td p,.word th p{margin:0}.word img{max-width:100%;height:auto}
.parts{display:flex;justify-content:space-between;padding:4px 8px}.parts a{display:inline-flex;align-items:center;min-height:48px;padding:0 8px;color:#0b3d91;font-weight:600}
.txt section{background:#fff;padding:8px 16px;margin:0 0 6px}.txt p{white-space:pre-wrap;margin:4px 0}.one{display:block;max-width:100%;height:auto;margin:0 auto;background:#fff}`;
