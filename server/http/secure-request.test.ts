import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isSecureRequest } from './secure-request';

describe('isSecureRequest', () => {
  it('is true for https URLs only', async () => {
    const app = new Hono();
    app.get('/x', (c) => c.text(String(isSecureRequest(c))));
    expect(await (await app.request('https://qr.example.vn/x')).text()).toBe('true');
    expect(await (await app.request('http://qr.example.vn/x')).text()).toBe('false');
    expect(await (await app.request('http://https.example.vn/x')).text()).toBe('false');
  });
});
