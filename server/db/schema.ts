import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are integer milliseconds since the epoch (UTC); meetings carry their own timezone for display.
const ms = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'organizer'] }).notNull().default('organizer'),
  disabledAt: ms('disabled_at'),
  createdAt: ms('created_at').notNull(),
});

export const loginSessions = sqliteTable('login_sessions', {
  // SHA-256 of the cookie value: a copy of the database does not hand out logins.
  idHash: text('id_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: ms('created_at').notNull(),
  lastSeenAt: ms('last_seen_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
}, (t) => [index('login_sessions_user').on(t.userId)]);

export const meetings = sqliteTable('meetings', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  venue: text('venue').notNull().default(''),
  startsOn: text('starts_on'), // YYYY-MM-DD in the meeting's timezone
  endsOn: text('ends_on'),
  timezone: text('timezone').notNull().default('Asia/Ho_Chi_Minh'),
  status: text('status', { enum: ['draft', 'published', 'archived'] }).notNull().default('draft'),
  publishedAt: ms('published_at'),
  /** Name printed on the QR sheets (the organizing body). */
  organizer: text('organizer').notNull().default(''),
  /** Storage key of the logo printed on the QR sheets, if any. */
  logoKey: text('logo_key'),
  /** Viewing window of every code of the meeting (null: no bound); a code may narrow it (codes.opensAt/closesAt). */
  opensAt: ms('opens_at'),
  closesAt: ms('closes_at'),
  /** The organizer's note on the closed page (after the window). */
  closedNote: text('closed_note').notNull().default(''),
  /** Delegates expected (the report's coverage and paper saved); null: not said. */
  expectedDelegates: integer('expected_delegates'),
  /** Labelled copies (docs/meeting-book.md): PDFs served to delegates carry the code's label on every page. Off by default. */
  labelledCopies: integer('labelled_copies', { mode: 'boolean' }).notNull().default(false),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const meetingMembers = sqliteTable('meeting_members', {
  meetingId: text('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  addedAt: ms('added_at').notNull(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_members_user').on(t.userId)]);

export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  position: integer('position').notNull(),
  startsAt: ms('starts_at'),
  endsAt: ms('ends_at'),
  room: text('room').notNull().default(''),
  // PBKDF2 hash of an optional PIN for restricted sessions.
  pinHash: text('pin_hash'),
  createdAt: ms('created_at').notNull(),
}, (t) => [index('sessions_meeting').on(t.meetingId, t.position)]);

export const documents = sqliteTable('documents', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
  releaseAt: ms('release_at'),
  currentVersion: integer('current_version').notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
}, (t) => [index('documents_meeting').on(t.meetingId)]);

export const documentVersions = sqliteTable('document_versions', {
  documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  storageKey: text('storage_key').notNull().unique(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  etag: text('etag').notNull(),
  /** The organizer's one-line note on what this version changed, shown beside the "updated" badge. */
  changeNote: text('change_note').notNull().default(''),
  /** Pages of the file (PDFs, counted in the background by the count-pages job); null: unknown or not a PDF. */
  pageCount: integer('page_count'),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ms('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.documentId, t.version] })]);

export const sessionDocuments = sqliteTable('session_documents', {
  sessionId: text('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
}, (t) => [primaryKey({ columns: [t.sessionId, t.documentId] }), index('session_documents_document').on(t.documentId)]);

export const codes = sqliteTable('codes', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  // null: the meeting-wide code; otherwise the session's code.
  sessionId: text('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
  label: text('label'),
  token: text('token').notNull(),
  status: text('status', { enum: ['active', 'rotated', 'revoked'] }).notNull().default('active'),
  replacedBy: text('replaced_by'),
  createdAt: ms('created_at').notNull(),
  endedAt: ms('ended_at'),
  /** This code's own viewing window, within the meeting's (null: the meeting's bound applies). */
  opensAt: ms('opens_at'),
  closesAt: ms('closes_at'),
}, (t) => [uniqueIndex('codes_token').on(t.token), index('codes_meeting').on(t.meetingId), index('codes_session').on(t.sessionId)]);

export const accessEvents = sqliteTable('access_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: ms('at').notNull(),
  // 'open': the original (inline or download); 'read': the reader page; 'page': a page image of the reader (reading depth);
  // 'book': the compiled meeting book (session or meeting), documentId null.
  kind: text('kind', { enum: ['view', 'open', 'read', 'page', 'book'] }).notNull(),
  meetingId: text('meeting_id').notNull(),
  sessionId: text('session_id'),
  codeId: text('code_id').notNull(),
  label: text('label'),
  documentId: text('document_id'),
  /** For 'page' events: the reader page whose image was fetched (1-based). */
  page: integer('page'),
  deviceId: text('device_id').notNull(),
  browser: text('browser').notNull().default(''),
  os: text('os').notNull().default(''),
  isBot: integer('is_bot', { mode: 'boolean' }).notNull().default(false),
}, (t) => [
  index('access_events_meeting_at').on(t.meetingId, t.at),
  // "What changed since this phone's last visit" looks up one device's views of one meeting.
  index('access_events_meeting_device').on(t.meetingId, t.deviceId, t.at),
]);

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: ms('at').notNull(),
  userId: text('user_id'),
  meetingId: text('meeting_id'),
  action: text('action').notNull(),
  target: text('target').notNull().default(''),
  detail: text('detail').notNull().default(sql`'{}'`),
}, (t) => [index('audit_log_meeting').on(t.meetingId, t.at)]);

/**
 * Background work (renditions, signature checks…): one row per job, so a restart picks
 * up what was not finished and the console can show what is waiting. See server/jobs/.
 */
export const jobs = sqliteTable('jobs', {
  id: text('id').primaryKey(),
  /** Which handler runs it (a key of the runner's registry), e.g. 'render-document'. */
  kind: text('kind').notNull(),
  /** What it is about, e.g. a document id: a newer job of the same kind and subject supersedes a queued one. */
  subject: text('subject').notNull(),
  /** Kind-specific input as JSON (e.g. {"version":2}). */
  payload: text('payload').notNull().default('{}'),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed', 'superseded'] }).notNull().default('queued'),
  /** Runs started so far (a run cut by a crash counts). */
  attempts: integer('attempts').notNull().default(0),
  /** Reason code of the last failure (e.g. 'timeout', 'pdf_password'), and its detail for the log. */
  error: text('error'),
  errorDetail: text('error_detail'),
  /** Not picked before this time (retries back off). */
  runAfter: ms('run_after').notNull(),
  /** While running: past this time the run is presumed dead and the job is picked again. */
  leaseUntil: ms('lease_until'),
  createdAt: ms('created_at').notNull(),
  startedAt: ms('started_at'),
  finishedAt: ms('finished_at'),
}, (t) => [index('jobs_ready').on(t.status, t.runAfter), index('jobs_subject').on(t.kind, t.subject)]);

/**
 * The phone-reading rendition of one document version (see docs/reader.md). Its files live
 * in the object store under `renditions/<documentId>/v<version>/`; the row says what is
 * there, whoever made it (the Node server's renderers, or later an organizer's browser).
 */
export const renditions = sqliteTable('renditions', {
  documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  /** waiting → working → ready | failed; 'unavailable': this server cannot make it (no LibreOffice). */
  status: text('status', { enum: ['waiting', 'working', 'ready', 'failed', 'unavailable'] }).notNull(),
  /** 'pages': one image per page; 'html': Word text as sanitized HTML; 'image': the original image shown as is. */
  format: text('format', { enum: ['pages', 'html', 'image'] }),
  /** Pages stored so far ('pages'), or 1. */
  pagesDone: integer('pages_done').notNull().default(0),
  /** Pages in the source (PDF or converted Office file), when known; more than pagesDone when capped. */
  sourcePages: integer('source_pages'),
  /** Fewer pages rendered than the source has (the page cap). */
  capped: integer('capped', { mode: 'boolean' }).notNull().default(false),
  /** 'image' format: the original's pixel size (width and height on the <img>, no layout shift). */
  width: integer('width'),
  height: integer('height'),
  /** Bytes stored under the rendition's prefix. */
  bytes: integer('bytes').notNull().default(0),
  /** Reason code when failed or unavailable (shown translated in the console), and detail for the log. */
  error: text('error'),
  errorDetail: text('error_detail'),
  /** Who made it: 'poppler', 'libreoffice+poppler', 'mammoth', 'browser'… */
  renderer: text('renderer'),
  updatedAt: ms('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.documentId, t.version] })]);

/** One page image of a 'pages' rendition, with the page's text for screen readers and copying. */
export const renditionPages = sqliteTable('rendition_pages', {
  documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  /** 1-based. */
  page: integer('page').notNull(),
  storageKey: text('storage_key').notNull(),
  contentType: text('content_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  /** The page's text (NFC), '' for a scan without a text layer. */
  text: text('text').notNull().default(''),
}, (t) => [primaryKey({ columns: [t.documentId, t.version, t.page] })]);

/** The signature check of one document version (PDFs only): status and the details as JSON. */
export const documentSignatures = sqliteTable('document_signatures', {
  documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  /** trusted | untrusted | modified | invalid | unsigned | unverifiable (server/signatures/signature-report.ts). */
  status: text('status').notNull(),
  /** The SignatureReport as JSON (signers, times, reasons, appended changes). */
  detail: text('detail').notNull().default(sql`'{}'`),
  /** Fingerprint of the trust anchors the check used: another fingerprint means the trust part is stale. */
  anchors: text('anchors').notNull().default('none'),
  checkedAt: ms('checked_at').notNull(),
}, (t) => [primaryKey({ columns: [t.documentId, t.version] })]);

/**
 * The compiled meeting book of one session (scope = the session id) or of the whole meeting
 * (scope = ''), see docs/meeting-book.md. Built by the 'build-books' job; the PDF lives in the
 * store under `books/<meeting>/<id>`. `inputsHash` is the hash of everything the book is made
 * from (agenda, titles, document versions): it is the book's ETag, and an unchanged hash means
 * no rebuild.
 */
export const meetingBooks = sqliteTable('meeting_books', {
  meetingId: text('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  scope: text('scope').notNull(),
  inputsHash: text('inputs_hash').notNull(),
  storageKey: text('storage_key').notNull(),
  pages: integer('pages').notNull(),
  bytes: integer('bytes').notNull(),
  /** BookManifest as JSON: the documents inside (id, version, first page, pages), those left out and why. */
  manifest: text('manifest').notNull(),
  builtAt: ms('built_at').notNull(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.scope] })]);

/** Server-wide settings the console can change (e.g. `base_url`, the address the QR codes encode). */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/**
 * One row per PDF of QR sheets handed out: with the base URL its codes encode and when,
 * so a later change of that address can be reported with the sheets and codes it breaks.
 */
export const printedSheets = sqliteTable('printed_sheets', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  printedAt: ms('printed_at').notNull(),
  baseUrl: text('base_url').notNull(),
  layout: text('layout').notNull(),
  /** JSON array of the code ids on the sheet. */
  codeIds: text('code_ids').notNull(),
  userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
}, (t) => [index('printed_sheets_meeting').on(t.meetingId, t.printedAt)]);

/** "Quét thử": a throw-away code a phone opens to show the console that it reached the server. */
export const testScans = sqliteTable('test_scans', {
  id: text('id').primaryKey(),
  token: text('token').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: ms('created_at').notNull(),
  reachedAt: ms('reached_at'),
  browser: text('browser'),
  os: text('os'),
  secure: integer('secure', { mode: 'boolean' }),
  rttMs: integer('rtt_ms'),
}, (t) => [uniqueIndex('test_scans_token').on(t.token)]);

/**
 * A chunked, resumable upload in progress (server/documents/chunked/): the file is sent in
 * parts of `partSize` bytes (the last one shorter) into a multipart upload of the store
 * (R2, S3, or part files on local disk), then completed into a new document. Rows go when
 * the upload completes, is aborted, or is swept after a day without a part.
 */
export const chunkedUploads = sqliteTable('chunked_uploads', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  /** Who started it: only they may add parts, complete or abort it. */
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The id the document gets on completion, and its storage key (the multipart upload's target). */
  documentId: text('document_id').notNull(),
  storageKey: text('storage_key').notNull(),
  /** The store's own id for the multipart upload: started with part 1, once its type is known. */
  storeUploadId: text('store_upload_id'),
  filename: text('filename').notNull(),
  /** Declared total size in bytes; every part but the last is exactly `partSize`. */
  size: integer('size').notNull(),
  partSize: integer('part_size').notNull(),
  /** Sniffed from part 1 when it arrives; re-checked on the assembled file. */
  contentType: text('content_type'),
  /** Attach the document to this session of the meeting on completion. */
  sessionId: text('session_id'),
  /**
   * Set when the upload replaces the file of the existing document `documentId` (the version
   * current when it started); null for a new document. No foreign key on purpose: a document
   * deleted mid-upload must leave the row, so completion can refuse precisely and the store's
   * parts are still found and freed.
   */
  replacesVersion: integer('replaces_version'),
  /**
   * When the parts were joined into the object at `storageKey` but completion was refused for a
   * signature change (409): the object waits there for `complete?confirm=1`, and the store's
   * multipart upload no longer exists (dropping the upload deletes the object instead).
   */
  assembledAt: ms('assembled_at'),
  /**
   * While a completion runs: until when it holds the upload (a lease, so a server that died
   * mid-completion does not hold it for ever). A second completion, a part or a delete in that
   * time is refused: run beside the first, it could delete the object the first just made.
   */
  completingUntil: ms('completing_until'),
  createdAt: ms('created_at').notNull(),
  /** The last part received (or the start): the sweep aborts uploads idle past its grace period. */
  touchedAt: ms('touched_at').notNull(),
}, (t) => [index('chunked_uploads_touched').on(t.touchedAt)]);

/** The parts a chunked upload holds so far (what a resuming client asks for). */
export const chunkedUploadParts = sqliteTable('chunked_upload_parts', {
  uploadId: text('upload_id').notNull().references(() => chunkedUploads.id, { onDelete: 'cascade' }),
  partNumber: integer('part_number').notNull(),
  size: integer('size').notNull(),
  /** The store's tag for the part (R2/S3 ETag; a hash on local disk), given back on completion. */
  etag: text('etag').notNull(),
}, (t) => [primaryKey({ columns: [t.uploadId, t.partNumber] })]);
