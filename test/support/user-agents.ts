// The phones the delegate tests stand for, as their browsers name themselves.

/** Chrome on a cheap Android phone. */
export const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

/** Zalo's in-app browser on a cheap Android phone (an Android WebView, "wv"): how most delegates arrive. */
export const ZALO_ANDROID = 'Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Zalo android/12110608 ZaloTheme/light ZaloLanguage/vi';
