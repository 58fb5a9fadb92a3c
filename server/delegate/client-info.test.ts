import { describe, expect, it } from 'vitest';
import { classifyClient, isPrefetch } from './client-info';

const cases: [string, string, { browser: string; os: string; isBot: boolean; inApp: string | null }][] = [
  ['Zalo on Android', 'Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Zalo android/12110608 ZaloTheme/light ZaloLanguage/vi', { browser: 'Zalo', os: 'Android', isBot: false, inApp: 'Zalo' }],
  ['Zalo on iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/23.11.01', { browser: 'Zalo', os: 'iOS', isBot: false, inApp: 'Zalo' }],
  ['Facebook on Android', 'Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.43 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/445.0.0.34.118;]', { browser: 'Facebook', os: 'Android', isBot: false, inApp: 'Facebook' }],
  ['Facebook on iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.1.2;FBSS/3;FBID/phone;FBLC/vi_VN;FBOP/5]', { browser: 'Facebook', os: 'iOS', isBot: false, inApp: 'Facebook' }],
  ['Messenger on Android', 'Mozilla/5.0 (Linux; Android 11; Redmi Note 8 Build/RKQ1.201004.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/439.0.0.29.119;]', { browser: 'Messenger', os: 'Android', isBot: false, inApp: 'Messenger' }],
  ['Messenger on iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 LightSpeed [FBAN/MessengerLiteForiOS;FBAV/436.0.0.19.109;FBBV/519323346]', { browser: 'Messenger', os: 'iOS', isBot: false, inApp: 'Messenger' }],
  ['TikTok', 'Mozilla/5.0 (Linux; Android 12; V2111 Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/114.0.5735.196 Mobile Safari/537.36 trill_320403 BytedanceWebview/d8a21c6', { browser: 'TikTok', os: 'Android', isBot: false, inApp: 'TikTok' }],
  ['an unknown app WebView', 'Mozilla/5.0 (Linux; Android 10; K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.0.0 Mobile Safari/537.36', { browser: 'WebView', os: 'Android', isBot: false, inApp: 'WebView' }],
  ['Chrome on Android', 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36', { browser: 'Chrome', os: 'Android', isBot: false, inApp: null }],
  ['Cốc Cốc', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/118.0.206 Chrome/112.0.5615.206 Safari/537.36', { browser: 'Cốc Cốc', os: 'Windows', isBot: false, inApp: null }],
  ['Samsung Internet', 'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36', { browser: 'Samsung Internet', os: 'Android', isBot: false, inApp: null }],
  ['Safari on iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', { browser: 'Safari', os: 'iOS', isBot: false, inApp: null }],
  ['a Cubot phone (not a bot)', 'Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36', { browser: 'Chrome', os: 'Android', isBot: false, inApp: null }],
  ['a download handed over by a WebView', 'AndroidDownloadManager/13 (Linux; U; Android 13; SM-A145F Build/TP1A.220624.014)', { browser: 'Download manager', os: 'Android', isBot: false, inApp: null }],
  ['Facebook previewer', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', { browser: 'Bot', os: 'Other', isBot: true, inApp: null }],
  ['Telegram previewer', 'TelegramBot (like TwitterBot)', { browser: 'Bot', os: 'Other', isBot: true, inApp: null }],
];

describe('classifyClient', () => {
  it.each(cases)('%s', (_name, ua, expected) => {
    expect(classifyClient(ua)).toEqual(expected);
  });
});

describe('isPrefetch', () => {
  const h = (entries: Record<string, string>) => new Headers(entries);
  it.each([
    [{ 'sec-purpose': 'prefetch' }, true],
    [{ 'sec-purpose': 'prefetch;prerender' }, true],
    [{ purpose: 'prefetch' }, true],
    [{ 'x-moz': 'prefetch' }, true],
    [{ 'x-purpose': 'preview' }, true],
    [{}, false],
    [{ 'sec-fetch-mode': 'navigate' }, false],
  ])('%o → %s', (headers, expected) => {
    expect(isPrefetch(h(headers))).toBe(expected);
  });
});
