/**
 * What a delegate request gets, before a runtime turns it into bytes on the wire:
 * the Hono routes make a Response of it (toResponse), the Node entry's direct lane
 * writes it to the socket. Cached pages hand out the same Answer object to every
 * request that takes the same bytes, so the lane can prepare its wire headers once.
 */
export interface Answer {
  status: number;
  /** Shared between requests for cached pages: never mutate. */
  readonly headers: Readonly<Record<string, string>>;
  body: Uint8Array | string | ReadableStream<Uint8Array> | null;
}

export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // Revalidate every time: an unchanged page costs a 304, a changed one shows at once.
  'Cache-Control': 'private, no-cache',
  Vary: 'Accept-Encoding, Accept-Language, Cookie',
};

/** A one-off page (errors, refusals): never cached anywhere. */
export function htmlAnswer(status: number, state: string, html: string, extra: Record<string, string> = {}): Answer {
  return { status, headers: { ...PAGE_HEADERS, 'Cache-Control': 'no-store', 'X-Page-State': state, ...extra }, body: html };
}

type Encoding = 'br' | 'gzip' | 'identity';

/** Bytes made once in every encoding, and the answers for them, made on first use. */
export interface Encoded {
  html: Uint8Array;
  gzip?: Uint8Array;
  br?: Uint8Array;
  answers?: Partial<Record<Encoding, Answer>>;
}

/**
 * The pre-compressed bytes in the best encoding the client takes. `headers` must be the
 * same on every call for the same `ready` (they go into the answer made the first time).
 */
export function encodedAnswer(ready: Encoded, status: number, headers: Record<string, string>, acceptEncoding: string | undefined): Answer {
  const accepts = acceptEncoding ?? '';
  const encoding: Encoding = ready.br && /\bbr\b/.test(accepts) ? 'br' : ready.gzip && /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
  const answers = (ready.answers ??= {});
  return (answers[encoding] ??= {
    status,
    headers: encoding === 'identity' ? headers : { ...headers, 'Content-Encoding': encoding },
    body: encoding === 'identity' ? ready.html : ready[encoding]!,
  });
}

/** The answer as a fetch Response, with the cookies the request set. */
export function toResponse(answer: Answer, setCookies: readonly string[]): Response {
  const headers = new Headers(answer.headers);
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  // Workers compress a body to match its Content-Encoding unless told it already is
  // ('manual'); without this the page would go out compressed twice. Node ignores the option.
  const init = { status: answer.status, headers, ...(headers.has('Content-Encoding') && { encodeBody: 'manual' }) } as ResponseInit;
  return new Response(answer.body as BodyInit | null, init);
}
