import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { passwordRule } from '../../shared/schemas';
import { refusingApp } from '../../test/support/refusing-app';
import { DomainError } from '../domain-error';
import { ApiError } from './api-error';
import { parseJson, parseWith } from './parse-json';

const schema = z.object({ name: z.string().min(1), seat: z.object({ row: z.number().int() }).optional() });

function app() {
  const a = refusingApp();
  a.post('/x', async (c) => c.json({ got: await parseJson(c, schema) }));
  return a;
}
const post = (body: BodyInit, headers: Record<string, string> = {}) => app().request('/x', { method: 'POST', body, headers });

describe('parseJson', () => {
  it('reads a valid body', async () => {
    const res = await post(JSON.stringify({ name: 'Tổ 1', seat: { row: 3 } }));
    expect(await res.json()).toEqual({ got: { name: 'Tổ 1', seat: { row: 3 } } });
  });

  it('answers 400 for a body that is not JSON, or no body', async () => {
    for (const body of ['{"name":', '']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'Request body must be valid JSON' } });
    }
  });

  it('answers 413 for a body past 64 KB (not a 400)', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(64 * 1024) });
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
    const fits = JSON.stringify({ name: 'x'.repeat(64 * 1024 - 20) });
    expect((await post(fits)).status).toBe(200);
  });

  it('names the field in a schema refusal', async () => {
    const res = await post(JSON.stringify({ name: '' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.field).toBe('name');
    expect(body.error.message).toMatch(/^name: /);
    const nested = (await (await post(JSON.stringify({ name: 'a', seat: { row: 1.5 } }))).json()) as { error: { field: string } };
    expect(nested.error.field).toBe('seat.row');
  });
});

describe('parseWith', () => {
  it('calls a refusal of the whole value "body"', () => {
    const error = (() => { try { parseWith(schema, 'text'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'bad_request', extra: { field: 'body' } });
    expect((error as Error).message).toMatch(/^body: /);
  });

  it('lets a rule name its own code (weak_password) as a domain refusal', () => {
    const error = (() => { try { parseWith(z.object({ password: passwordRule }), { password: 'password123' }); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'weak_password', extra: { field: 'password' } });
    expect((error as Error).message).toMatch(/^password: too common/);
    // A rule without a code stays a plain 400.
    const short = (() => { try { parseWith(z.object({ password: passwordRule }), { password: 'short' }); } catch (e) { return e; } })();
    expect(short).toBeInstanceOf(ApiError);
    expect(short).toMatchObject({ code: 'bad_request', message: 'password: at least 10 characters' });
  });

  it('returns the parsed value (with the schema’s transforms)', () => {
    expect(parseWith(z.object({ a: z.string().trim() }), { a: ' x ', b: 1 })).toEqual({ a: 'x' });
  });
});
