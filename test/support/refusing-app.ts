// A small Hono app for the fast tests beside server/ modules, answering refusals the way server/app.ts does.
import { Hono } from 'hono';
import { DomainError } from '../../server/domain-error';
import { ApiError } from '../../server/http/api-error';
import { STATUS_OF } from '../../server/http/error-status';

export function refusingApp() {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof DomainError) return c.json({ error: { code: error.code, message: error.message, ...error.extra } }, STATUS_OF[error.code]);
    if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message, ...error.extra } }, error.status);
    throw error;
  });
  return app;
}
