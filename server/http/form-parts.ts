import { parseMultipart } from 'multitars';
import { DomainError } from '../domain-error';
import { badRequest } from './api-error';
import { readCapped } from './read-body';

// Plain fields of our forms are ids; past this a field is refused, never read whole.
const MAX_FIELD_BYTES = 1024;

/** One part of a multipart/form-data body, as domain code reads it (no HTTP left in it). */
export interface FormPart {
  /** The form field's name. */
  field: string;
  /** The file name as the browser sent it, for file parts; absent for plain fields. */
  filename?: string;
  /** A plain field's text, at most 1 KB (fields are ids): a longer one is refused while it streams (413 field_too_large). */
  text(): Promise<string>;
  stream(): ReadableStream<Uint8Array>;
}

/** Parts handed out one at a time, in body order: the files stream from the request, never buffered whole. */
export interface FormParts {
  /** The next part, or null at the end. A broken body (bad boundary, cut headers) is a 400. */
  next(): Promise<FormPart | null>;
  /** Stops reading the body (cancels what is left of it). */
  close(): Promise<void>;
}

/**
 * Reads a multipart/form-data request body part by part. The body must be one
 * (`expected` names what the route wanted, for the 400 message); only the parser's
 * own failures are reported as a malformed body: a file's reader sees its own errors.
 */
export function formParts(body: ReadableStream<Uint8Array> | null, contentType: string, expected: string): FormParts {
  if (!body || !/^multipart\/form-data;.*boundary=/i.test(contentType)) throw badRequest(expected);
  const parts = parseMultipart(body, { contentType });
  return {
    async next() {
      let step: Awaited<ReturnType<typeof parts.next>>;
      try {
        step = await parts.next();
      } catch (error) {
        // The body itself is broken: a client error, not ours.
        throw badRequest(`Malformed multipart body: ${error instanceof Error ? error.message : 'unreadable'}`);
      }
      if (step.done) return null;
      const part = step.value;
      const disposition = part.headers['content-disposition'] ?? '';
      const field = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
      const isFile = /\bfilename\*?=/i.test(disposition);
      const tooLarge = () => new DomainError('field_too_large', `The form field "${field}" is larger than the ${MAX_FIELD_BYTES / 1024} KB limit`);
      const text = async () => new TextDecoder().decode(await readCapped(part.stream(), MAX_FIELD_BYTES, undefined, tooLarge));
      return { field, ...(isFile && { filename: part.name }), text, stream: () => part.stream() };
    },
    async close() {
      await parts.return(undefined);
    },
  };
}
