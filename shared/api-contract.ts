/**
 * The HTTP API's response shapes: the contract between the server and the console.
 * The server's mappers are typed against these (toMeetingView, toCodeView…), so a
 * renamed field fails the type check on the server instead of silently changing
 * the API; the console (web/) imports them from here and nothing from server/.
 * Times are ISO 8601 strings (UTC); dates of a meeting are YYYY-MM-DD in its timezone.
 * Request bodies are the zod schemas of shared/schemas.ts. docs/http-api.md lists the routes.
 */

export type UserRole = 'admin' | 'organizer';
export type MeetingStatus = 'draft' | 'published' | 'archived';
export type CodeStatus = 'active' | 'rotated' | 'revoked';

/** The logged-in user (GET /api/me, POST /api/auth/login). */
export interface SessionUserView {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** GET /api/me */
export interface MeResponse {
  user: SessionUserView;
  limits: { maxUploadBytes: number };
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  createdAt: string;
}

export interface MeetingView {
  id: string;
  title: string;
  venue: string;
  startsOn: string | null;
  endsOn: string | null;
  timezone: string;
  status: MeetingStatus;
  organizer: string;
  hasLogo: boolean;
  /** Viewing window of every code (null: no bound); a code may narrow it. */
  opensAt: string | null;
  closesAt: string | null;
  /** Shown on the closed page after the window. */
  closedNote: string;
  /** Delegates expected (coverage and paper saved in the report); null: not said. */
  expectedDelegates: number | null;
  /** Labelled copies on: PDFs served to delegates are stamped with the code's label (docs/meeting-book.md). */
  labelledCopies: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A session; its PIN never leaves the server, only whether there is one. */
export interface SessionView {
  id: string;
  meetingId: string;
  title: string;
  position: number;
  startsAt: string | null;
  endsAt: string | null;
  room: string;
  hasPin: boolean;
}

/** A code, always with its token and the absolute URL its QR encodes. */
export interface CodeView {
  id: string;
  scope: 'session' | 'meeting';
  meetingId: string;
  sessionId: string | null;
  label: string | null;
  token: string;
  url: string;
  status: CodeStatus;
  createdAt: string;
  /** This code's own window (null: the meeting's bound applies). */
  opensAt: string | null;
  closesAt: string | null;
}

export interface DocumentView {
  id: string;
  meetingId: string;
  title: string;
  confidential: boolean;
  releaseAt: string | null;
  version: number;
  filename: string;
  contentType: string;
  size: number;
  /** The current version's change note ('' when none), shown beside the "updated" badge. */
  changeNote: string;
  /** Pages of the current version when known (PDFs counted in the background, Office files by their rendition). */
  pageCount: number | null;
  createdAt: string;
  updatedAt: string;
  /** The sessions the document is on. */
  sessionIds: string[];
  /** The phone reader of the current version (docs/reader.md). */
  reader: ReaderStatusView;
  /** The current version's digital signature: null for a non-PDF, 'pending' until checked (docs/signatures.md). */
  signature: DocumentSignatureView | null;
}

/** Signature check outcome of a document version (server/signatures/signature-report.ts has the full report). */
export type SignatureStatusCode = 'trusted' | 'untrusted' | 'modified' | 'invalid' | 'unsigned' | 'unverifiable';

export interface DocumentSignatureView {
  status: SignatureStatusCode | 'pending';
  /** The main signer's certificate: name (CN), organization (O), issuer, end of validity (ISO). */
  signer?: string;
  organization?: string;
  issuer?: string;
  validTo?: string;
  /** ISO signing time. */
  time?: string;
  /** Reason code when not trusted, with a technical detail (an algorithm). */
  reason?: string;
  reasonDetail?: string;
  /** Kinds of change appended after signing (annotations, pages…). */
  changes?: string[];
  /** The main signature chains to a configured trust anchor. */
  trusted?: boolean;
}

/**
 * A document's phone reader. 'none': a type phones open as it is (text); 'missing': not asked
 * for yet (the server queues it at start); then the rendition's own state.
 */
export type ReaderStatusView =
  | { status: 'none' | 'missing' }
  | {
    status: 'waiting' | 'working' | 'ready' | 'failed' | 'unavailable';
    format: 'pages' | 'html' | 'image' | null;
    pagesDone: number;
    /** Pages that will be rendered (the source's, up to the cap), once known. */
    pagesTotal: number | null;
    sourcePages: number | null;
    capped: boolean;
    /** Reason code when failed or unavailable (the console translates it). */
    error: string | null;
  };

/** A session inside a meeting's detail: with its documents (in order) and its codes. */
export interface AgendaSessionView extends SessionView {
  documentIds: string[];
  codes: CodeView[];
}

/** GET /api/meetings/:id */
export interface MeetingDetailView {
  meeting: MeetingView;
  sessions: AgendaSessionView[];
  documents: DocumentView[];
  /** The meeting-wide codes (session codes are on their session). */
  codes: CodeView[];
}

export interface Figures {
  views: number;
  opens: number;
  devices: number;
  openDevices: number;
}

export interface LabelFigures extends Figures {
  /** The code variant's label ("Bàn 12", "Đoàn Gio Linh"); null for the plain code. */
  label: string | null;
}

export interface TimelinePoint {
  at: string;
  views: number;
  opens: number;
  devices: number;
  byLabel: { label: string | null; views: number; opens: number }[];
}

export interface Timeline {
  bucketMs: number;
  timezone: string;
  from: string | null;
  to: string | null;
  points: TimelinePoint[];
}

/** The organizer's figures for a meeting, delegates only (bots counted apart). */
export interface MeetingStatsFigures {
  totals: Figures & { documentsOpened: number; bots: number };
  funnel: { scanned: number; opened: number; rate: number };
  /** Every session of the agenda (zeros included), the meeting code's own views (sessionId null), deleted sessions. */
  perSession: (Figures & { sessionId: string | null; title: string | null; byLabel: LabelFigures[] })[];
  /** Every document, most opened first. */
  /**
   * Opens count the original and the phone reader; `reads` are the reader's. `readDepth`: per
   * device the furthest reader page its browser fetched (prefetches not counted); null if none.
   */
  perDocument: {
    documentId: string; title: string; signature: SignatureStatusCode | null; opens: number; reads: number; devices: number;
    readDepth: { devices: number; averagePage: number; furthestPage: number } | null;
    byLabel: { label: string | null; opens: number; devices: number }[];
  }[];
  perLabel: (LabelFigures & { rate: number })[];
  timeline: Timeline;
}

/** GET /api/meetings/:id/stats */
/** One row of the report: a session through its own codes, or the meeting-wide code (sessionId null). */
export interface ReportRow {
  sessionId: string | null;
  /** null: the meeting-wide code; '(deleted)': a session deleted since. */
  title: string | null;
  /** Page views (lượt xem trang) and devices that opened the page (thiết bị). */
  views: number;
  pageDevices: number;
  /** Document opens, original or reader (lượt mở tài liệu), and devices that opened at least one. */
  opens: number;
  openDevices: number;
  /** Opens of the meeting book (access kind 'book') and the devices that opened it. */
  bookOpens: number;
  bookDevices: number;
  /** openDevices ÷ expected delegates (0–1, may pass 1), null when the expected number is not set. */
  coverage: number | null;
}

/** GET /api/meetings/:id/report (also report.csv and report.pdf, same figures). */
export interface MeetingReportFigures {
  expectedDelegates: number | null;
  totals: Omit<ReportRow, 'sessionId' | 'title'> & { devices: number };
  perSession: ReportRow[];
  paper: {
    /** Released documents on the agenda (not confidential, release time passed, meeting published). */
    releasedDocuments: number;
    /** Their pages (those whose page count is known). */
    releasedPages: number;
    /** Titles of released documents whose page count is not known yet (not in releasedPages). */
    pagesUnknown: string[];
    /** releasedPages × expectedDelegates; null when the expected number is not set. */
    printedPagesAvoided: number | null;
    /** Σ pages of each document × devices that opened it. */
    openedPages: number;
  };
  /** QR scans and forwarded links are the same URL: not told apart (see docs/http-api.md). */
  scansVersusLinks: 'not_distinguishable';
}

export interface MeetingReportView extends MeetingReportFigures {
  meetingId: string;
  meetingTitle: string;
  timezone: string;
  generatedAt: string;
}

export interface MeetingStatsView extends MeetingStatsFigures {
  meetingId: string;
}

/** Every refusal: `{"error": {"code", "message", …}}` with the HTTP status of docs/http-api.md. */
export interface ApiErrorBody {
  error: { code: string; message: string; [extra: string]: unknown };
}

/** POST /api/sessions/:id/codes, POST /api/meetings/:id/codes: labels the scope already had are `skipped`, not made twice. */
export interface CreateCodesResponse {
  codes: CodeView[];
  skipped: string[];
}

/** GET /api/setup: whether the set-up screen is offered, and whether this request needs the set-up code. */
export interface SetupStateView {
  needed: boolean;
  /** From the machine running QRHop (loopback, no proxy header): no code needed. */
  local: boolean;
  codeAvailable: boolean;
}

export type AddressKindView = 'local' | 'lan' | 'public';
export type BaseUrlSource = 'env' | 'stored' | 'guessed' | 'request';

/** Print runs whose codes carry another base URL than the current one, and the codes they break. */
export interface StaleSheetsView {
  sheets: number;
  codes: number;
  printedWith: string[];
}

/** GET /api/base-url */
export interface BaseUrlView {
  url: string;
  source: BaseUrlSource;
  kind: AddressKindView;
  secure: boolean;
  /** Admins, unless PUBLIC_URL decides. */
  editable: boolean;
  /** The machine's addresses as base URLs, real adapters first (Node only). */
  candidates: { url: string; adapter: string; virtual: boolean }[];
  /** Across all meetings, admins only (null for organizers). */
  stale: StaleSheetsView | null;
}

/** GET /api/meetings/:id/printed-sheets */
export interface PrintedSheetsResponse {
  baseUrl: string;
  stale: StaleSheetsView;
}

/** POST /api/test-scans, GET /api/test-scans/:id ("Quét thử"). */
export interface TestScanView {
  id: string;
  /** What the test QR encodes: `<base URL>/t/<token>`. */
  url: string;
  createdAt: string;
  expiresAt: string;
  /** When a phone (not a link previewer) last opened it. */
  reachedAt: string | null;
  browser: string | null;
  os: string | null;
  /** Whether the phone's page was a secure context (service worker, offline re-reading possible). */
  secure: boolean | null;
  /** The fastest of three round trips the phone measured. */
  rttMs: number | null;
}

/**
 * A chunked, resumable upload (POST /api/meetings/:id/uploads, docs/http-api.md): the file
 * goes in `partCount` parts of `partSize` bytes (the last one shorter), in any order after
 * part 1, each retried on its own; `receivedParts` is what the server holds so far.
 */
export interface ChunkedUploadView {
  id: string;
  meetingId: string;
  /** The id the document will have once completed (for a replacement, the replaced document's). */
  documentId: string;
  /** A replacement of `documentId`'s file: the version it was current when the upload started; null for a new document. */
  replacesVersion: number | null;
  filename: string;
  size: number;
  partSize: number;
  partCount: number;
  /** Part numbers the server holds, ascending. */
  receivedParts: number[];
  createdAt: string;
}

/** POST /api/meetings/:id/uploads, GET /api/uploads/:id, PUT /api/uploads/:id/parts/:n */
export interface ChunkedUploadResponse {
  upload: ChunkedUploadView;
}

/** Why a document is not in a meeting book (named on its cover). */
export type BookLeftOutReason = 'not_pdf' | 'encrypted' | 'broken' | 'too_large' | 'cap' | 'missing';

/** One compiled meeting book (docs/meeting-book.md): the whole meeting's (sessionId null) or one session's. */
export interface MeetingBookView {
  sessionId: string | null;
  sessionTitle: string | null;
  pages: number;
  bytes: number;
  builtAt: string;
  /** Quoted ETag: changes exactly when the agenda or a document version changes. */
  etag: string;
  capped: boolean;
  leftOut: { documentId: string; title: string; reason: BookLeftOutReason }[];
  /** The organizer's own copy (never stamped). */
  href: string;
}

/** GET /api/meetings/:id/books */
export interface MeetingBooksView {
  /** A rebuild is queued or running. */
  building: boolean;
  books: MeetingBookView[];
}

/** Why a PDF is served to delegates without the labelled copy's stamp. */
export type UnstampedReason = 'signed' | 'unchecked' | 'encrypted';

/** GET /api/meetings/:id/labelled-copies */
export interface LabelledCopiesView {
  enabled: boolean;
  unstamped: { documentId: string; title: string; reason: UnstampedReason }[];
}
