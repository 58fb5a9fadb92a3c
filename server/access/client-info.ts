/** What the access log keeps about a client: families only, never the full user agent or the address. */
export interface ClientInfo {
  browser: string;
  os: string;
  isBot: boolean;
  /** An in-app browser (Zalo, Facebook, Messenger, …) whose WebView may not show PDFs inline. */
  inApp: string | null;
}

// Link previewers and crawlers fetch the URL when it is pasted or shared: not delegates.
const BOT = /bot\b|crawl|spider|slurp|preview|facebookexternalhit|facebookcatalog|meta-externalagent|zalo(?:bot|preview|link)|telegrambot|whatsapp|slack|discordbot|skypeuripreview|linkedinbot|twitterbot|embedly|pinterest|vkshare|bingpreview|googleother|google-inspectiontool|headlesschrome|lighthouse|curl\/|wget\/|python-requests|python-urllib|go-http-client|okhttp\/|axios\/|node-fetch|undici|apache-httpclient|^$/i;

const IN_APP: [RegExp, string][] = [
  [/zalo/i, 'Zalo'],
  [/\bFBAN|FBAV|FB_IAB|FBIOS/i, 'Facebook'],
  [/messenger|\bFB4A|MessengerLite/i, 'Messenger'],
  [/instagram/i, 'Instagram'],
  [/line\//i, 'LINE'],
  [/telegram/i, 'Telegram'],
  [/tiktok|musical_ly|bytedancewebview/i, 'TikTok'],
  [/; wv\)/i, 'WebView'],
];

export function classifyClient(userAgent: string | undefined): ClientInfo {
  const ua = userAgent ?? '';
  const isBot = BOT.test(ua);
  const inApp = isBot ? null : (IN_APP.find(([re]) => re.test(ua))?.[1] ?? null);
  const os = /android/i.test(ua) ? 'Android'
    : /iphone|ipad|ipod/i.test(ua) ? 'iOS'
    : /windows/i.test(ua) ? 'Windows'
    : /mac os x|macintosh/i.test(ua) ? 'macOS'
    : /cros/i.test(ua) ? 'ChromeOS'
    : /linux/i.test(ua) ? 'Linux' : 'Other';
  const browser = isBot ? 'Bot'
    : inApp && inApp !== 'WebView' ? inApp
    : /samsungbrowser/i.test(ua) ? 'Samsung Internet'
    : /coc_coc|coccoc/i.test(ua) ? 'Cốc Cốc'
    : /edg\//i.test(ua) ? 'Edge'
    : /opr\/|opera/i.test(ua) ? 'Opera'
    : /firefox|fxios/i.test(ua) ? 'Firefox'
    : /chrome|crios|chromium/i.test(ua) ? 'Chrome'
    : /safari/i.test(ua) ? 'Safari' : 'Other';
  return { browser, os, isBot, inApp };
}

/** Prefetch and prerender requests (the user did not open the page). */
export function isPrefetch(headers: { get(name: string): string | null | undefined }): boolean {
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''} ${headers.get('x-moz') ?? ''} ${headers.get('x-purpose') ?? ''}`;
  return /prefetch|prerender|preview/i.test(purpose);
}
