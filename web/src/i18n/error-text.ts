import type { ConsoleKey } from '../../../shared/i18n/console';
import { ApiFailure } from '../api/client';
import type { I18n } from './i18n';

// Server messages are English; the organizer reads the console's own words for every known refusal.
const BY_CODE: Record<string, ConsoleKey> = {
  network: 'error.network',
  invalid_credentials: 'login.wrong',
  too_many_attempts: 'login.throttled',
  unauthenticated: 'login.expired',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  storage_unavailable: 'error.storage',
  file_too_large: 'upload.tooLarge',
  unsupported_type: 'upload.refusedType',
  empty_file: 'upload.empty',
  upload_interrupted: 'upload.interrupted',
  document_gone: 'upload.documentGone',
  confidential_document: 'error.confidential',
  code_inactive: 'error.codeInactive',
  weak_password: 'error.weakPassword',
  self_lockout: 'error.selfLockout',
  wrong_password: 'error.wrongPassword',
  aborted: 'upload.cancelled',
  email_taken: 'error.emailTaken',
  setup_code_required: 'setup.codeRequired',
  setup_done: 'setup.done',
};

/** The organizer-facing text for a failed request, in the console's language. */
export function errorText(error: unknown, { t }: Pick<I18n, 't'>, limits?: { maxUploadBytes: number }): string {
  if (!(error instanceof ApiFailure)) return t('error.unexpected');
  const key = BY_CODE[error.code];
  if (key === 'error.confidential') {
    const title = /^"(.+)" is marked confidential/.exec(error.message)?.[1] ?? '';
    return t(key, { title });
  }
  if (key) return t(key, { mb: limits ? Math.round(limits.maxUploadBytes / 1048576) : '?' });
  if (error.status === 409 && /already exists|taken|unique/i.test(error.message)) return t('error.emailTaken');
  if (error.status === 400 && error.detail.field) return t('error.invalidField', { field: error.detail.field, message: error.message });
  if (error.status >= 500) return t('error.server');
  return error.message;
}
