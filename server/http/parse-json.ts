import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError } from '../domain-error';
import { ApiError, badRequest } from './api-error';
import { MAX_JSON_BYTES, readCapped } from './read-body';

/** Reads and validates a JSON body (at most 64 KB, counted while it streams); any problem is a 400 naming the field. */
export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    const bytes = await readCapped(c.req.raw.body, MAX_JSON_BYTES, c.req.header('content-length'));
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest('Request body must be valid JSON');
  }
  return parseWith(schema, body);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    // A rule may name its own code (weak_password) so the console can say it in its language.
    const code = (issue as { params?: { code?: string } }).params?.code;
    if (code === 'weak_password') throw new DomainError(code, `${field}: ${issue.message}`, { field });
    throw badRequest(`${field}: ${issue.message}`, { field });
  }
  return result.data;
}
