/**
 * An Android intent URL that opens `url` in a real browser, for in-app WebViews
 * (Zalo, Facebook…) that show a blank screen for PDFs:
 * `intent://HOST[:PORT]/PATH[?QUERY]#Intent;scheme=https;action=…VIEW;category=…BROWSABLE;end`.
 * No `package=`: Android opens the phone's default browser (often Cốc Cốc or Samsung
 * Internet here, not Chrome) or asks, instead of sending a phone without Chrome to
 * the Play Store.
 */
export function androidIntentUrl(url: string): string {
  const u = new URL(url);
  const scheme = u.protocol.replace(/:$/, '');
  return `intent://${u.host}${u.pathname}${u.search}#Intent;scheme=${scheme};action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE;end`;
}
