import { z } from 'zod';
import { isCommonPassword } from './common-passwords';
import { stripBidiControls } from './text-controls';

/** Input shapes of the organizer API, shared by the server (validation) and the console (forms). */

// Names and titles: bidi controls removed (they can disguise a file's type), NFC, trimmed.
const trimmed = (max: number) => z.string().transform(stripBidiControls).pipe(z.string().trim().min(1).max(max)).transform((s) => s.normalize('NFC'));
const plainText = (max: number) => z.string().transform(stripBidiControls).pipe(z.string().trim().max(max)).transform((s) => s.normalize('NFC'));
// Dates drive work (the report's timeline spans the schedule): keep them to years a meeting can have.
const saneYear = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= 2000 && year <= 2100;
};
const YEARS = 'must be between the years 2000 and 2100';
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine(saneYear, YEARS);
const isoTime = z.iso.datetime({ offset: true }).refine(saneYear, YEARS);
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown timezone');

/** Session PINs: 4 to 12 digits (6 or more for confidential sessions: see the PIN throttle). */
export const PIN_SHAPE = /^\d{4,12}$/;

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1024),
});

// Guessers try the commonest passwords first: refused for every account, however it is made.
export const passwordRule = z.string().min(10, 'at least 10 characters').max(1024)
  .refine((p) => !isCommonPassword(p), { message: 'too common (guessers try it first); choose a phrase of your own', params: { code: 'weak_password' } });

export const createUserInput = z.object({
  email: z.email().trim().toLowerCase(),
  name: trimmed(120),
  password: passwordRule,
  role: z.enum(['admin', 'organizer']).default('organizer'),
});

// Patch shapes are built from the fields without defaults: a default would overwrite what a PATCH leaves out.
const meetingFields = {
  title: trimmed(300),
  venue: plainText(300),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  timezone,
  organizer: plainText(200),
  /** Viewing window of the meeting's codes (ISO with offset; shown in the meeting's timezone). */
  opensAt: isoTime.nullable(),
  closesAt: isoTime.nullable(),
  /** The organizer's note on the closed page, after the window. */
  closedNote: plainText(300),
  /** Delegates expected: the report's coverage and paper saved. */
  expectedDelegates: z.number().int().min(1).max(100_000).nullable(),
};

/** A window whose end is not after its start is refused, naming `closesAt`. */
const windowInOrder = (w: { opensAt?: string | null; closesAt?: string | null }) =>
  !w.opensAt || !w.closesAt || Date.parse(w.closesAt) > Date.parse(w.opensAt);
const WINDOW_ORDER = { message: 'must be after opensAt (the window would never be open)', path: ['closesAt'] };

export const meetingInput = z.object({
  ...meetingFields,
  venue: meetingFields.venue.default(''),
  startsOn: day.nullable().optional(),
  endsOn: day.nullable().optional(),
  timezone: timezone.default('Asia/Ho_Chi_Minh'),
  organizer: meetingFields.organizer.default(''),
  opensAt: meetingFields.opensAt.optional(),
  closesAt: meetingFields.closesAt.optional(),
  closedNote: meetingFields.closedNote.optional(),
  expectedDelegates: meetingFields.expectedDelegates.optional(),
}).refine(windowInOrder, WINDOW_ORDER);

export const meetingPatch = z.object(meetingFields).partial().extend({
  status: z.enum(['draft', 'published', 'archived']).optional(),
  /** Labelled copies: PDFs served to delegates carry the code's label (docs/meeting-book.md). */
  labelledCopies: z.boolean().optional(),
}).refine(windowInOrder, WINDOW_ORDER);

const sessionFields = {
  title: trimmed(300),
  startsAt: isoTime.nullable(),
  endsAt: isoTime.nullable(),
  room: plainText(200),
  pin: z.string().regex(PIN_SHAPE, '4 to 12 digits').nullable(),
  position: z.number().int().min(0),
};

export const sessionInput = z.object(sessionFields).partial().extend({
  title: sessionFields.title,
  room: sessionFields.room.default(''),
});

export const sessionPatch = z.object(sessionFields).partial();

export const sessionDocumentsInput = z.object({
  documentIds: z.array(z.string().min(1).max(64)).max(500),
});

export const documentPatch = z.object({
  title: trimmed(300).optional(),
  confidential: z.boolean().optional(),
  releaseAt: isoTime.nullable().optional(),
  /** The current version's one-line change note ('' removes it), shown beside the "updated" badge. */
  changeNote: plainText(200).optional(),
});

/** PATCH /api/codes/:id: the code's own viewing window (within the meeting's). */
export const codePatch = z.object({
  opensAt: isoTime.nullable().optional(),
  closesAt: isoTime.nullable().optional(),
}).refine(windowInOrder, WINDOW_ORDER);

export const codeInput = z.object({
  label: trimmed(100).optional(),
  labels: z.array(trimmed(100)).min(1).max(200).optional(),
});

export type MeetingInput = z.infer<typeof meetingInput>;
export type SessionInput = z.infer<typeof sessionInput>;

/** PUT /api/base-url: the address the codes encode, or null to go back to the guess. */
export const baseUrlInput = z.object({ url: z.string().max(300).nullable() });

/** POST /api/setup: the first administrator, created from the console on a fresh install. */
export const setupInput = z.object({
  email: z.email().trim().toLowerCase(),
  name: trimmed(120),
  password: passwordRule,
  setupCode: z.string().trim().max(64).optional(),
});

/** POST /api/meetings/:id/uploads: a chunked upload of one file (docs/http-api.md). */
export const chunkedUploadInput = z.object({
  filename: z.string().min(1).max(1024),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  sessionId: z.string().max(64).nullish(),
});

/** POST /api/documents/:id/uploads: a new file for the document, in parts (it keeps its own sessions). */
export const chunkedReplaceInput = chunkedUploadInput.pick({ filename: true, size: true });
