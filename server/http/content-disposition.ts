/**
 * RFC 6266 Content-Disposition: an ASCII fallback `filename` for old clients and
 * the exact UTF-8 name in `filename*` (RFC 8187), so "Báo cáo.pdf" stays intact.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const name = filename.normalize('NFC');
  const fallback = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
