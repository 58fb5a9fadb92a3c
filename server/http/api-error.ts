import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { STATUS_OF, type HttpErrorCode } from './error-status';

/** An expected refusal made by the HTTP layer, answered as `{"error":{"code","message",...}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A refusal by code, with its status from the one table (error-status.ts). */
export const refuse = (code: HttpErrorCode | 'bad_request' | 'not_found', message: string, extra?: Record<string, unknown>) =>
  new ApiError(STATUS_OF[code], code, message, extra);

export const notFound = (what = 'Not found') => refuse('not_found', what);
export const badRequest = (message: string, extra?: Record<string, unknown>) => refuse('bad_request', message, extra);
export const forbidden = (message = 'Forbidden') => refuse('forbidden', message);
