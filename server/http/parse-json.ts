import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './api-error';

/** Reads and validates a JSON body; any problem is a 400 naming the field. */
export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest('Request body must be valid JSON');
  }
  return parseWith(schema, body);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    throw badRequest(`${field}: ${issue.message}`, { field });
  }
  return result.data;
}
