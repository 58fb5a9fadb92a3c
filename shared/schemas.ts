import { z } from 'zod';

/** Input shapes of the organizer API, shared by the server (validation) and the console (forms). */

const trimmed = (max: number) => z.string().trim().min(1).max(max).transform((s) => s.normalize('NFC'));
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoTime = z.iso.datetime({ offset: true });
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown timezone');

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1024),
});

export const passwordRule = z.string().min(10, 'at least 10 characters').max(1024);

export const createUserInput = z.object({
  email: z.email().trim().toLowerCase(),
  name: trimmed(120),
  password: passwordRule,
  role: z.enum(['admin', 'organizer']).default('organizer'),
});

// Patch shapes are built from the fields without defaults: a default would overwrite what a PATCH leaves out.
const meetingFields = {
  title: trimmed(300),
  venue: z.string().trim().max(300),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  timezone,
  organizer: z.string().trim().max(200).transform((s) => s.normalize('NFC')),
};

export const meetingInput = z.object({
  ...meetingFields,
  venue: meetingFields.venue.default(''),
  startsOn: day.nullable().optional(),
  endsOn: day.nullable().optional(),
  timezone: timezone.default('Asia/Ho_Chi_Minh'),
  organizer: meetingFields.organizer.default(''),
});

export const meetingPatch = z.object(meetingFields).partial().extend({
  status: z.enum(['draft', 'published', 'archived']).optional(),
});

const sessionFields = {
  title: trimmed(300),
  startsAt: isoTime.nullable(),
  endsAt: isoTime.nullable(),
  room: z.string().trim().max(200),
  pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits').nullable(),
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
});

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
