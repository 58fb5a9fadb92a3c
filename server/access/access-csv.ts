import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accessEvents, documentSignatures, documents, sessions } from '../db/schema';

// kind: view (the list), open (the original), read (the phone reader), page (a reader page image; `page` says which).
// document_signature: the current version's signature status (trusted, untrusted, modified, invalid, unsigned, unverifiable).
// Appended last so existing column positions hold for whoever reads the file.
const HEADER = ['time_utc', 'time_local', 'kind', 'session', 'label', 'document', 'page', 'device', 'browser', 'os', 'bot', 'document_signature'];

// What a spreadsheet skips before reading a cell's first character: spaces, zero-width and
// bidi characters, the BOM, word joiners.
const INVISIBLE_LEAD = /^[\s\u200B-\u200F\u2028-\u202F\u2060-\u2064\u206A-\u206F\uFEFF\u061C\u180E\u2066-\u2069]+/u;

/** Whether a spreadsheet could read the cell as a formula: = + - @ first, once fullwidth forms are folded (NFKC) and invisible characters skipped. */
const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text) || /^[=+\-@\t\r]/.test(text.normalize('NFKC').replace(INVISIBLE_LEAD, ''));

/** One CSV cell. Cells that could run as formulas in Excel or LibreOffice get a quote mark first (CSV injection). */
export function csvCell(value: unknown, separator = ','): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = looksLikeFormula(text) ? `'${text}` : text;
  return safe.includes(separator) || /["\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "2026-12-01 08:05:09" in the meeting's timezone: what Excel reads as a date and time. */
function localTime(date: Date, timezone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * Every access event of a meeting as CSV: UTF-8 with a BOM (so Excel shows
 * Vietnamese correctly), CRLF line ends. `separator` ';' suits an Excel whose list
 * separator is ';' (the Vietnamese regional setting). The device column is a short
 * prefix of the random device id: enough to follow one phone, nothing more.
 */
export async function accessCsv(db: Db, meeting: { id: string; timezone: string }, separator: ',' | ';' = ','): Promise<string> {
  const rows = await db
    .select({ at: accessEvents.at, kind: accessEvents.kind, session: sessions.title, label: accessEvents.label, document: documents.title, page: accessEvents.page, signature: documentSignatures.status, device: accessEvents.deviceId, browser: accessEvents.browser, os: accessEvents.os, bot: accessEvents.isBot })
    .from(accessEvents)
    .leftJoin(sessions, eq(sessions.id, accessEvents.sessionId))
    .leftJoin(documents, eq(documents.id, accessEvents.documentId))
    .leftJoin(documentSignatures, and(eq(documentSignatures.documentId, documents.id), eq(documentSignatures.version, documents.currentVersion)))
    .where(eq(accessEvents.meetingId, meeting.id))
    .orderBy(asc(accessEvents.at), asc(accessEvents.id));
  const line = (cells: unknown[]) => cells.map((v) => csvCell(v, separator)).join(separator);
  const lines = rows.map((r) => line([
    r.at.toISOString(), localTime(r.at, meeting.timezone), r.kind, r.session, r.label, r.document, r.page, r.device.slice(0, 12), r.browser, r.os, r.bot ? 'yes' : 'no', r.signature,
  ]));
  return '\uFEFF' + [line(HEADER), ...lines].join('\r\n') + '\r\n';
}
