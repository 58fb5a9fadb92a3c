import type { AppDeps } from '../../app-env';
import type { Answer } from '../../delegate/answer';
import { answerDocument } from '../../delegate/answer-document';
import { answerPage, busyAnswer } from '../../delegate/answer-page';
import { DelegateRequest } from '../../delegate/delegate-request';
import { DELEGATE_TARGET } from '../../delegate/delegate-url';
import { securityHeadersFor } from '../../http/security-headers';

// The wire headers of each answer, made once: cached pages hand the same Answer object to
// every request that gets the same bytes (delegate/answer.ts), so a scan costs no header building.
const wire = new WeakMap<Answer, [string, string][]>();

function wireHeaders(answer: Answer): [string, string][] {
  let headers = wire.get(answer);
  if (headers) return headers;
  // By lower-case name, the security headers set over the answer's own, as the app's middleware does.
  const made = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(answer.headers)) made.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of securityHeadersFor('/s/', (lower) => made.has(lower))) made.set(name.toLowerCase(), [name, value]);
  headers = [...made.values()];
  wire.set(answer, headers);
  return headers;
}

/**
 * The meeting object's direct lane for the two requests a hall's phones make by the thousand:
 * GET (or HEAD) of a page, /s/<token>, and of a document, /s/<token>/d/<id>. The Node entry
 * has the same lane (node-delegate-lane.ts) for the same reason: answered through the same
 * runtime-neutral functions the Hono routes call (answerPage, answerDocument), with the same
 * security headers, but without the app's router and middleware on every scan. Anything else
 * (PIN form, reader, assets, odd paths) returns null and goes to the app.
 */
export async function answerOnMeetingLane(deps: AppDeps, method: string, url: string, requestHeaders: Headers): Promise<Response | null> {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const pathAt = url.indexOf('/', url.indexOf('//') + 2);
  const match = pathAt === -1 ? null : DELEGATE_TARGET.exec(url.slice(pathAt));
  if (!match) return null;
  const req = new DelegateRequest(method, match[3] ?? '', requestHeaders, () => new URL(url).origin);
  // Cloudflare's edge sets the client's address: cookieless bursts only, never stored.
  const address = requestHeaders.get('cf-connecting-ip');
  if (address) req.address = address;
  let answer: Answer;
  try {
    answer = match[2] ? await answerDocument(deps, req, match[1]!, match[2]) : await answerPage(deps, req, match[1]!);
  } catch (error) {
    console.error('meeting lane:', error);
    // The app's own answer to an unexpected error (app.onError).
    return Response.json({ error: { code: 'internal', message: 'Internal error' } }, { status: 500, headers: { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' } });
  }
  return wireResponse(answer, req.setCookies);
}

/** An Answer as a Response, with the app's security headers for delegate paths. */
export function wireResponse(answer: Answer, setCookies: readonly string[] = []): Response {
  const headers = new Headers(wireHeaders(answer));
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  // Already compressed bytes go out as they are ('manual'), never compressed twice.
  const init = { status: answer.status, headers, ...(headers.has('Content-Encoding') && { encodeBody: 'manual' }) } as ResponseInit;
  return new Response(answer.body as BodyInit | null, init);
}

/**
 * The delegate's answer when the meeting's object could not answer (it threw, was reset, or
 * could not be reached): a short page in the delegate's language saying to try again in a
 * few seconds (503, Retry-After), instead of the runtime's bare "Internal Server Error".
 */
export function meetingUnreachableResponse(request: Request, token: string): Response {
  const url = new URL(request.url);
  const req = new DelegateRequest(request.method, url.search, request.headers, url.origin);
  return wireResponse(busyAnswer(req.lang(), token));
}
