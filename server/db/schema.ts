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
}, (t) => [uniqueIndex('codes_token').on(t.token), index('codes_meeting').on(t.meetingId), index('codes_session').on(t.sessionId)]);

export const accessEvents = sqliteTable('access_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: ms('at').notNull(),
  kind: text('kind', { enum: ['view', 'open'] }).notNull(),
  meetingId: text('meeting_id').notNull(),
  sessionId: text('session_id'),
  codeId: text('code_id').notNull(),
  label: text('label'),
  documentId: text('document_id'),
  deviceId: text('device_id').notNull(),
  browser: text('browser').notNull().default(''),
  os: text('os').notNull().default(''),
  isBot: integer('is_bot', { mode: 'boolean' }).notNull().default(false),
}, (t) => [index('access_events_meeting_at').on(t.meetingId, t.at)]);

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: ms('at').notNull(),
  userId: text('user_id'),
  meetingId: text('meeting_id'),
  action: text('action').notNull(),
  target: text('target').notNull().default(''),
  detail: text('detail').notNull().default(sql`'{}'`),
}, (t) => [index('audit_log_meeting').on(t.meetingId, t.at)]);

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
