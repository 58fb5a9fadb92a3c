import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainErrorCode } from '../domain-error';

/** Refusals the HTTP layer makes itself (login, CSRF, request parsing), beside the domain's. */
export type HttpErrorCode = 'unauthenticated' | 'invalid_credentials' | 'too_many_attempts' | 'forbidden' | 'cross_site_request' | 'storage_unavailable' | 'body_too_large' | 'setup_code_required';

/**
 * The one table from refusal codes to HTTP statuses: every `{"error":{"code"}}` answer
 * takes its status from here (docs/http-api.md lists them by route).
 */
export const STATUS_OF: Record<DomainErrorCode | HttpErrorCode, ContentfulStatusCode> = {
  // Domain refusals (domain-error.ts)
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
  weak_password: 400,
  field_too_large: 413,
  part_out_of_range: 400,
  part_size_mismatch: 400,
  upload_not_started: 409,
  upload_incomplete: 409,
  upload_assembled: 409,
  upload_completing: 409,
  document_gone: 409,
  not_current_version: 409,
  not_page_document: 409,
  server_renders: 409,
  page_count_mismatch: 409,
  no_client_rendition: 409,
  page_out_of_range: 422,
  not_an_image: 415,
  image_unreadable: 415,
  page_too_large: 413,
  page_dimensions: 422,
  text_too_long: 413,
  rendition_too_large: 413,
  setup_done: 409,
  // The HTTP layer's own
  unauthenticated: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  forbidden: 403,
  cross_site_request: 403,
  body_too_large: 413,
  storage_unavailable: 503,
  setup_code_required: 403,
};
