/**
 * The one description of delegate URLs: `/s/<token>` (a code's page) and
 * `/s/<token>/d/<documentId>` (a document), and the device id cookie. The Node lane,
 * the code lookup behind the Hono routes, the device cookie reader and the tests
 * all take their shapes from here, so they cannot drift apart.
 */

// Tokens made here are 22 URL-safe characters (128 bits); older or longer ones stay
// readable up to 64. Anything else is refused before touching the database.
const TOKEN = '[A-Za-z0-9_-]{16,64}';
// Row ids are 16 URL-safe characters (96 bits); the bound keeps odd paths cheap.
const DOCUMENT_ID = '[A-Za-z0-9_-]{1,64}';
// Device ids are 32 URL-safe characters (192 bits).
const DEVICE_ID = '[A-Za-z0-9_-]{16,64}';

export const TOKEN_SHAPE = new RegExp(`^${TOKEN}$`);
export const DOCUMENT_ID_SHAPE = new RegExp(`^${DOCUMENT_ID}$`);
export const DEVICE_ID_SHAPE = new RegExp(`^${DEVICE_ID}$`);

/**
 * A request target (path and query) for a page or a document of a well-formed token:
 * groups 1 token, 2 document id (absent for a page), 3 the query with its '?'.
 * The Node lane runs it on every request, hence a bare RegExp rather than a function.
 */
export const DELEGATE_TARGET = new RegExp(`^/s/(${TOKEN})(?:/d/(${DOCUMENT_ID}))?(\\?.*)?$`);

export interface DelegateTarget {
  token: string;
  /** Absent for the code's page. */
  documentId?: string;
  /** The query string with its '?', or ''. */
  search: string;
}

/** The page or document a request target asks for, or null when it is not one of ours. */
export function matchDelegateTarget(target: string): DelegateTarget | null {
  const match = DELEGATE_TARGET.exec(target);
  if (!match) return null;
  return { token: match[1]!, ...(match[2] !== undefined && { documentId: match[2] }), search: match[3] ?? '' };
}

/** The paths of a code's page and of one of its documents. */
export const pagePath = (token: string) => `/s/${token}`;
export const documentPath = (token: string, documentId: string) => `/s/${token}/d/${documentId}`;
/** The code's meeting book (`/s/<token>/b`), or one session's through a meeting code (`/s/<token>/b/<sessionId>`). */
export const bookPath = (token: string, sessionId?: string) => `/s/${token}/b${sessionId ? `/${sessionId}` : ''}`;
/** The reader of a document (`/s/<token>/r/<documentId>`, answered by the Hono routes); its files are under it. */
export const readerPath = (token: string, documentId: string) => `/s/${token}/r/${documentId}`;
