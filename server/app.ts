import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from './app-env';
import { accessRoutes } from './access/routes';
import { MemoryAttemptStore } from './auth/attempt-store';
import { takeAuthorizedMeetings } from './auth/authorize';
import { requireUser } from './auth/require-user';
import { authRoutes } from './auth/routes';
import { auditRoutes } from './audit/routes';
import { baseUrlRoutes, printedSheetRoutes } from './base-url/routes';
import { codeRoutes, meetingCodeRoutes, sessionCodeRoutes } from './codes/routes';
import { consoleRoutes } from './console/routes';
import { announceChange } from './delegate/announce-change';
import { reportRoutes } from './report/routes';
import { delegateRoutes } from './delegate/routes';
import { documentRoutes, meetingDocumentRoutes } from './documents/routes';
import { chunkedUploadRoutes, documentChunkedUploadRoutes, meetingChunkedUploadRoutes } from './documents/chunked/routes';
import { DomainError } from './domain-error';
import { ApiError } from './http/api-error';
import { csrfGuard } from './http/csrf-guard';
import { STATUS_OF } from './http/error-status';
import { securityHeaders } from './http/security-headers';
import { setupRoutes } from './setup/routes';
import { testScanApiRoutes, testScanPublicRoutes } from './test-scan/routes';
import { meetingRoutes } from './meetings/routes';
import { printRoutes } from './print/routes';
import { meetingBookRoutes } from './books/routes';
import { labelledCopyRoutes } from './stamps/routes';
import { meetingRenditionRoutes, renditionUploadRoutes } from './reader/rendition-upload-routes';
import { readerPreviewRoutes } from './delegate/reader-preview-routes';
import { meetingSessionRoutes, sessionRoutes } from './sessions/routes';
import { StorageUnavailableError } from './storage/object-store';
import { memberRoutes, userRoutes } from './users/routes';

// The set-up screen runs before any account exists; it checks for itself who may use it.
const PUBLIC_API = new Set(['/api/auth/login', '/api/auth/logout', '/api/setup']);

export interface AppOptions {
  /** The client's network address, for login throttling only (never stored). */
  clientAddress?: (c: Context) => string;
}

/** Builds the whole app from its ports. The same code runs under Node and on Workers. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  // Failed attempts not handed a store are counted in memory, one per app (what a single Node process needs).
  deps.attempts ??= new MemoryAttemptStore();

  app.onError((error, c) => {
    if (error instanceof DomainError) return c.json({ error: { code: error.code, message: error.message, ...error.extra } }, STATUS_OF[error.code]);
    if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message, ...error.extra } }, error.status);
    if (error instanceof StorageUnavailableError) {
      c.header('Retry-After', '30');
      return c.json({ error: { code: 'storage_unavailable', message: 'The document store is unreachable; nothing was saved. Try again shortly.' } }, STATUS_OF.storage_unavailable);
    }
    if (error instanceof HTTPException) return c.json({ error: { code: 'http_error', message: error.message || 'Request refused' } }, error.status);
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return c.json({ error: { code: 'internal', message: 'Internal error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route' } }, STATUS_OF.not_found));

  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(securityHeaders);

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/s', delegateRoutes(options.clientAddress));
  app.route('/t', testScanPublicRoutes);

  const api = new Hono<AppEnv>();
  api.use(csrfGuard);
  // Every organizer route needs a login, except logging in and out themselves.
  api.use(async (c, next) => (PUBLIC_API.has(c.req.path) ? next() : requireUser(c, next)));
  // Any organizer change may alter what delegates see: drop the rendered pages. Not only on
  // success: an upload that is partly refused (413/415) or cut by a store outage (503) still
  // keeps, and attaches, the files that went through. (Only logged-in requests get here.)
  // The meetings touched are those the request was authorized for (auth/authorize.ts).
  api.use(async (c, next) => {
    await next();
    const touched = takeAuthorizedMeetings(c.get('user'));
    if (c.req.method !== 'GET') await announceChange(deps, touched);
  });
  api.route('/', authRoutes(options.clientAddress ?? (() => 'unknown')));
  api.route('/setup', setupRoutes(options.clientAddress ?? (() => 'unknown')));
  api.route('/meetings', meetingRoutes);
  api.route('/meetings', meetingSessionRoutes);
  api.route('/meetings', meetingDocumentRoutes);
  api.route('/meetings', meetingChunkedUploadRoutes);
  api.route('/uploads', chunkedUploadRoutes);
  api.route('/meetings', meetingCodeRoutes);
  api.route('/meetings', accessRoutes);
  api.route('/meetings', reportRoutes);
  api.route('/meetings', memberRoutes);
  api.route('/meetings', printRoutes);
  api.route('/meetings', printedSheetRoutes);
  api.route('/meetings', meetingBookRoutes);
  api.route('/meetings', labelledCopyRoutes);
  api.route('/base-url', baseUrlRoutes);
  api.route('/test-scans', testScanApiRoutes);
  api.route('/sessions', sessionRoutes);
  api.route('/sessions', sessionCodeRoutes);
  api.route('/documents', documentRoutes);
  api.route('/documents', documentChunkedUploadRoutes);
  api.route('/meetings', meetingRenditionRoutes);
  api.route('/documents', renditionUploadRoutes);
  api.route('/documents', readerPreviewRoutes);
  api.route('/codes', codeRoutes);
  api.route('/users', userRoutes);
  api.route('/audit', auditRoutes);
  app.route('/api', api);

  app.route('/', consoleRoutes);
  return app;
}

export type App = ReturnType<typeof createApp>;
