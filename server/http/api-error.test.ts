import { describe, expect, it } from 'vitest';
import { ApiError, badRequest, forbidden, notFound, refuse } from './api-error';
import { STATUS_OF } from './error-status';

describe('ApiError and its makers', () => {
  it('take the status from the one table, keep the code, message and extra fields', () => {
    const e = refuse('too_many_attempts', 'wait', { retry: 3 });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(Error);
    expect({ name: e.name, status: e.status, code: e.code, message: e.message, extra: e.extra }).toEqual({ name: 'ApiError', status: 429, code: 'too_many_attempts', message: 'wait', extra: { retry: 3 } });
    expect(new ApiError(400, 'x', 'y').extra).toEqual({});
  });

  it('have plain defaults for the common refusals', () => {
    expect([notFound().status, notFound().code, notFound().message]).toEqual([404, 'not_found', 'Not found']);
    expect(notFound('Meeting not found').message).toBe('Meeting not found');
    expect([forbidden().status, forbidden().code, forbidden().message]).toEqual([403, 'forbidden', 'Forbidden']);
    expect(forbidden('Admins only').message).toBe('Admins only');
    const bad = badRequest('email: required', { field: 'email' });
    expect([bad.status, bad.code, bad.message, bad.extra]).toEqual([400, 'bad_request', 'email: required', { field: 'email' }]);
  });
});

describe('STATUS_OF', () => {
  it('is the table docs/http-api.md lists', () => {
    expect(STATUS_OF).toEqual({
      not_found: 404, bad_request: 400, email_taken: 409, wrong_password: 400, self_lockout: 400, confidential_document: 409,
      code_inactive: 409, nothing_to_print: 404, bad_logo: 422, empty_file: 400, upload_interrupted: 400, file_too_large: 413,
      unsupported_type: 415, weak_password: 400, field_too_large: 413, not_current_version: 409, not_page_document: 409,
      server_renders: 409, page_count_mismatch: 409, no_client_rendition: 409, page_out_of_range: 422, not_an_image: 415,
      image_unreadable: 415, page_too_large: 413, page_dimensions: 422, text_too_long: 413, rendition_too_large: 413, setup_done: 409,
      unauthenticated: 401, invalid_credentials: 401, too_many_attempts: 429, forbidden: 403, cross_site_request: 403,
      body_too_large: 413, storage_unavailable: 503, setup_code_required: 403,
      part_out_of_range: 400, part_size_mismatch: 400, upload_not_started: 409, upload_incomplete: 409,
      upload_assembled: 409, document_gone: 409, upload_completing: 409,
    });
  });
});
