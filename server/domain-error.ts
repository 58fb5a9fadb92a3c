/**
 * An expected refusal from domain code, named by a code. Domain functions (and the
 * CLI that calls them) know nothing of HTTP: http/error-status.ts is the one table
 * that turns each code into a status, and app.ts answers it as
 * `{"error":{"code","message",...extra}}`.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'bad_request'
  | 'email_taken'
  | 'wrong_password'
  | 'self_lockout'
  | 'confidential_document'
  | 'code_inactive'
  | 'nothing_to_print'
  | 'bad_logo'
  | 'empty_file'
  | 'upload_interrupted'
  | 'file_too_large'
  | 'unsupported_type'
  | 'weak_password'
  | 'field_too_large'

  // Chunked uploads (documents/chunked/)
  | 'part_out_of_range'
  | 'part_size_mismatch'
  | 'upload_not_started'
  | 'upload_incomplete'
  | 'upload_assembled'
  | 'upload_completing'
  | 'document_gone'

  // Readers made by a client (reader/client-rendition.ts)
  | 'not_current_version'
  | 'not_page_document'
  | 'server_renders'
  | 'page_count_mismatch'
  | 'no_client_rendition'
  | 'page_out_of_range'
  | 'not_an_image'
  | 'image_unreadable'
  | 'page_too_large'
  | 'page_dimensions'
  | 'text_too_long'
  | 'rendition_too_large'
  | 'setup_done';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** More fields for the answer, e.g. `{ field: 'documentIds' }` or `{ file: 'Tờ trình.pdf' }`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** No such row, or not one this user may see (the same answer, so ids cannot be probed). */
export const notFound = (what = 'Not found') => new DomainError('not_found', what);
/** Input the schema let through but the data refuses (an id of another meeting…). */
export const invalid = (message: string, extra?: Record<string, unknown>) => new DomainError('bad_request', message, extra);
