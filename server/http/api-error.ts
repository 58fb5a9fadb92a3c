import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An expected refusal, answered as `{"error":{"code","message",...}}`. */
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

export const notFound = (what = 'Not found') => new ApiError(404, 'not_found', what);
export const badRequest = (message: string, extra?: Record<string, unknown>) => new ApiError(400, 'bad_request', message, extra);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) => new ApiError(409, code, message, extra);
export const forbidden = (message = 'Forbidden') => new ApiError(403, 'forbidden', message);
