/** What the access log keeps about a client: families only, never the full user agent or the address. */
export interface ClientInfo {
  browser: string;
  os: string;
  isBot: boolean;
  /** An in-app browser (Zalo, Facebook, Messenger, …) whose WebView may not show PDFs inline. */
  inApp: string | null;
}

// Link previewers, crawlers and scripts fetch the URL when it is pasted, shared or
// indexed: not delegates. They are recorded flagged as bots and left out of every figure.
const BOT = new RegExp([
  String.raw`(?<!cu)bot\b`, String.raw`bot/`, 'crawl', 'spider', 'slurp', 'preview', 'facebookexternalhit', 'facebookcatalog', 'meta-external',
  'zalo(?:bot|preview|link|crawler)', 'whatsapp', 'slack', 'skypeuripreview', 'embedly', 'iframely', 'pinterest', 'vkshare', 'redditbot',
  'googleother', 'google-inspectiontool', 'google-pagerenderer', 'googleimageproxy', 'feedfetcher', 'mediapartners-google', 'apis-google',
  'headlesschrome', 'lighthouse', 'pagespeed', 'ptst/', 'yandex', 'baiduspider', 'coccocbot', 'applebot', 'bytespider', 'petalbot',
  'gptbot', 'chatgpt-user', 'claudebot', 'perplexity', 'curl/', 'wget/', 'python-', 'aiohttp', 'httpx', 'go-http-client', 'okhttp/',
  'axios/', 'node-fetch', 'undici', String.raw`java/`, 'apache-httpclient', 'libwww', 'scrapy', 'postmanruntime',
].join('|'), 'i');

// Download managers fetch a document a delegate asked for (an in-app WebView hands the download over): people, not bots.
const DOWNLOADER = /androiddownloadmanager|dalvik\//i;

// Messenger before Facebook: Messenger's agents also carry FBAN/FB_IAB.
const IN_APP: [RegExp, string][] = [
  [/zalo/i, 'Zalo'],
  [/messenger|FB_IAB\/(?:MESSENGER|Orca)|Orca-Android|MessengerLite/i, 'Messenger'],
  [/\bFBAN|FBAV|FB_IAB|FBIOS|FB4A|\[FB/i, 'Facebook'],
  [/instagram/i, 'Instagram'],
  [/\bLine\//, 'LINE'],
  [/telegram/i, 'Telegram'],
  [/tiktok|musical_ly|bytedancewebview|trill_/i, 'TikTok'],
  [/micromessenger/i, 'WeChat'],
  [/snapchat/i, 'Snapchat'],
  [/; wv\)/i, 'WebView'],
];

// A hall's phones send a few dozen distinct agents, each asking several times per page
// and document: the answers are kept (bounded, as agents are whatever clients send),
// which saves the regular expressions below about 10 µs per request.
const known = new Map<string, Readonly<ClientInfo>>();
const KNOWN_MAX = 512;

export function classifyClient(userAgent: string | undefined): Readonly<ClientInfo> {
  const ua = userAgent ?? '';
  let info = known.get(ua);
  if (!info) {
    info = Object.freeze(classifyAgent(ua));
    if (ua.length <= 512) {
      if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
      known.set(ua, info);
    }
  }
  return info;
}

function classifyAgent(ua: string): ClientInfo {
  // Every browser and in-app WebView still starts its agent with Mozilla/ (Opera Mini: Opera/).
  const browserLike = /^(?:mozilla|opera)\//i.test(ua.trim());
  const isBot = !DOWNLOADER.test(ua) && (!browserLike || BOT.test(ua));
  const inApp = isBot ? null : (IN_APP.find(([re]) => re.test(ua))?.[1] ?? null);
  const os = /android/i.test(ua) ? 'Android'
    : /iphone|ipad|ipod/i.test(ua) ? 'iOS'
    : /windows/i.test(ua) ? 'Windows'
    : /mac os x|macintosh/i.test(ua) ? 'macOS'
    : /cros/i.test(ua) ? 'ChromeOS'
    : /linux/i.test(ua) ? 'Linux' : 'Other';
  const browser = isBot ? 'Bot'
    : inApp && inApp !== 'WebView' ? inApp
    : DOWNLOADER.test(ua) ? 'Download manager'
    : /samsungbrowser/i.test(ua) ? 'Samsung Internet'
    : /coc_coc|coccoc/i.test(ua) ? 'Cốc Cốc'
    : /edg\//i.test(ua) ? 'Edge'
    : /opr\/|opera/i.test(ua) ? 'Opera'
    : /firefox|fxios/i.test(ua) ? 'Firefox'
    : /miuibrowser|xiaomi/i.test(ua) ? 'Mi Browser'
    : /ucbrowser/i.test(ua) ? 'UC Browser'
    : inApp === 'WebView' ? 'WebView'
    : /chrome|crios|chromium/i.test(ua) ? 'Chrome'
    : /safari/i.test(ua) ? 'Safari' : 'Other';
  return { browser, os, isBot, inApp };
}

/**
 * Prefetch and prerender requests: the browser fetched the page ahead, nobody looked.
 * `Sec-Purpose: prefetch` / `prefetch;prerender` (Chromium), `Purpose: prefetch`
 * (older Chrome, Safari), `X-Moz: prefetch` (Firefox), `X-Purpose: preview`.
 */
export function isPrefetch(headers: { get(name: string): string | null | undefined }): boolean {
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''} ${headers.get('x-moz') ?? ''} ${headers.get('x-purpose') ?? ''}`;
  return /prefetch|prerender|preview/i.test(purpose);
}
