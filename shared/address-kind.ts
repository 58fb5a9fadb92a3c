/**
 * What kind of address a QR code carries, which decides who can open it:
 * - `local`: this machine only (localhost, 127.x, ::1) — no phone can;
 * - `lan`: a private network address (10.x, 172.16–31.x, 192.168.x, 169.254.x, 100.64/10,
 *   fc00::/7, fe80::, `*.local` or a single-label name) — phones on the same network only,
 *   and only while the machine keeps that address;
 * - `public`: a domain or public IP — any phone with Internet.
 * `secure` tells whether phones get a secure context (HTTPS, or localhost), which the
 * service worker, and so offline re-reading, needs.
 */
export type AddressKind = 'local' | 'lan' | 'public';

export interface AddressInfo {
  kind: AddressKind;
  secure: boolean;
}

function ipv4Kind(host: string): AddressKind | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a === 127 || a === 0) return 'local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'lan';
  return 'public';
}

function ipv6Kind(host: string): AddressKind | null {
  if (!host.startsWith('[')) return null;
  const ip = host.slice(1, -1).toLowerCase();
  if (ip === '::1' || ip === '::') return 'local';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return ipv4Kind(mapped[1]!);
  if (/^f[cd]/.test(ip) || /^fe[89ab]/.test(ip)) return 'lan';
  return 'public';
}

export function addressInfo(baseUrl: string): AddressInfo {
  const url = new URL(baseUrl);
  const host = url.hostname.toLowerCase();
  const kind: AddressKind = host === 'localhost' || host.endsWith('.localhost')
    ? 'local'
    : ipv4Kind(host) ?? ipv6Kind(host) ?? (host.endsWith('.local') || host.endsWith('.lan') || host.endsWith('.home.arpa') || !host.includes('.') ? 'lan' : 'public');
  return { kind, secure: url.protocol === 'https:' || kind === 'local' };
}

/**
 * A base URL as typed by an organizer, cleaned: scheme and host (and port, path prefix)
 * without a trailing slash; null when it is not an http(s) URL without query or fragment.
 */
export function cleanBaseUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
