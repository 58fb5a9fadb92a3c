import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error';
import { ApiError } from './api-error';
import { formParts } from './form-parts';

/** A real multipart body, as a browser's FormData makes it. */
async function multipart(fill: (form: FormData) => void) {
  const form = new FormData();
  fill(form);
  const request = new Request('http://x/', { method: 'POST', body: form });
  return { body: request.body!, type: request.headers.get('content-type')! };
}
const stream = (text: string) => new Response(text).body!;
const refusal = async (work: () => Promise<unknown>) => work().then(() => null, (e: unknown) => e);

describe('formParts', () => {
  it('hands out fields and files in body order, then null', async () => {
    const { body, type } = await multipart((f) => {
      f.append('meetingId', 'm1');
      f.append('file', new File(['%PDF-1.7 hello'], 'Tờ trình.pdf', { type: 'application/pdf' }));
    });
    const parts = formParts(body, type, 'a file');
    const first = (await parts.next())!;
    expect(first.field).toBe('meetingId');
    expect(first.filename).toBeUndefined();
    expect('filename' in first).toBe(false);
    expect(await first.text()).toBe('m1');
    const second = (await parts.next())!;
    expect(second.field).toBe('file');
    expect(second.filename).toBe('Tờ trình.pdf');
    expect(await new Response(second.stream()).text()).toBe('%PDF-1.7 hello');
    expect(await parts.next()).toBeNull();
  });

  it('reads a plain field of exactly 1 KB, and refuses one byte more (413 field_too_large)', async () => {
    const { body, type } = await multipart((f) => {
      f.append('ok', 'a'.repeat(1024));
      f.append('long', 'a'.repeat(1025));
    });
    const parts = formParts(body, type, 'a file');
    expect((await (await parts.next())!.text()).length).toBe(1024);
    const error = await refusal(async () => (await parts.next())!.text());
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'field_too_large', message: 'The form field "long" is larger than the 1 KB limit' });
  });

  it('refuses a body that is not multipart, or none, naming what the route wanted', () => {
    for (const [body, type] of [[stream('{}'), 'application/json'], [null, 'multipart/form-data; boundary=x'], [stream('x'), 'multipart/form-data']] as const) {
      let error: unknown;
      try {
        formParts(body, type, 'Send the file as multipart/form-data');
      } catch (e) {
        error = e;
      }
      expect(error, type).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'Send the file as multipart/form-data' });
    }
    // The content type's name is case-insensitive, other parameters may come before the boundary,
    // and it must be the type itself, not a parameter's value.
    expect(() => formParts(stream('x'), 'Multipart/Form-Data; boundary=x', 'x')).not.toThrow();
    expect(() => formParts(stream('x'), 'multipart/form-data; charset=utf-8; boundary=x', 'x')).not.toThrow();
    expect(() => formParts(stream('x'), 'text/plain; x="multipart/form-data; boundary=x"', 'x')).toThrow(ApiError);
  });

  it('takes a file part without a field name as the field ""', async () => {
    const raw = '--b\r\nContent-Disposition: form-data; filename="a.pdf"\r\n\r\nv\r\n--b--\r\n';
    const part = (await formParts(stream(raw), 'multipart/form-data; boundary=b', 'a file').next())!;
    expect(part.field).toBe('');
    expect(part.filename).toBe('a.pdf');
  });

  it('answers a broken body with 400 Malformed multipart body', async () => {
    const parts = formParts(stream('--b\r\nContent-Disposition: form-data; name="a"\r\n'), 'multipart/form-data; boundary=b', 'a file');
    const error = await refusal(async () => parts.next());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
    expect((error as Error).message).toMatch(/^Malformed multipart body: \S/);
  });

  it('close() stops reading the body', async () => {
    const raw = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nw\r\n--b--\r\n';
    const parts = formParts(stream(raw), 'multipart/form-data; boundary=b', 'a file');
    expect(await (await parts.next())!.text()).toBe('v');
    await parts.close();
    expect(await parts.next()).toBeNull();
  });

  it('marks a part with filename* as a file', async () => {
    const raw = `--b\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''a.pdf\r\n\r\nv\r\n--b--\r\n`;
    const part = (await formParts(stream(raw), 'multipart/form-data; boundary=b', 'a file').next())!;
    expect(part.field).toBe('file');
    expect('filename' in part).toBe(true);
  });
});
