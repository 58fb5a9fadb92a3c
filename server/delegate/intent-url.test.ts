import { describe, expect, it } from 'vitest';
import { androidIntentUrl } from './intent-url';

describe('androidIntentUrl', () => {
  it('keeps host, port, path and query, and names the scheme in the fragment', () => {
    expect(androidIntentUrl('https://qr.example.vn/s/AbCdEfGhIjKlMnOpQrStUv/d/doc123?download=1')).toBe(
      'intent://qr.example.vn/s/AbCdEfGhIjKlMnOpQrStUv/d/doc123?download=1#Intent;scheme=https;action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE;end',
    );
  });

  it('works for the laptop-in-the-hall default (plain http on a LAN address and port)', () => {
    expect(androidIntentUrl('http://192.168.1.20:3000/s/tok/d/x')).toBe(
      'intent://192.168.1.20:3000/s/tok/d/x#Intent;scheme=http;action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE;end',
    );
  });

  it('parses back to the same URL the way Android reads it (host and path before #Intent, scheme inside)', () => {
    const intent = androidIntentUrl('https://qr.example.vn/s/tok/d/x');
    const [, rest] = /^intent:\/\/([^#]+)#Intent;(.*);end$/.exec(intent)!.slice(0, 3) as [string, string];
    const [, fields] = /#Intent;(.*);end$/.exec(intent)!;
    const scheme = /(?:^|;)scheme=([^;]+)/.exec(fields!)![1];
    expect(`${scheme}://${rest}`).toBe('https://qr.example.vn/s/tok/d/x');
    expect(fields).not.toContain('package=');
  });
});
