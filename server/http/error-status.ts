import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainErrorCode } from '../domain-error';

/** The one table from domain refusals to HTTP statuses (docs/http-api.md lists them by route). */
export const STATUS_OF: Record<DomainErrorCode | 'storage_unavailable', ContentfulStatusCode> = {
  not_found: 404,
  bad_request: 400,
  email_taken: 409,
  wrong_password: 400,
  self_lockout: 400,
  confidential_document: 409,
  code_inactive: 409,
  nothing_to_print: 404,
  bad_logo: 422,
  empty_file: 400,
  upload_interrupted: 400,
  file_too_large: 413,
  unsupported_type: 415,
  storage_unavailable: 503,
};
