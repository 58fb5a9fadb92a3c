import type { AppendedChange } from './signature-report';

/** Appended bytes looked at for kinds of change; past this only their size is reported. */
const MAX_SCANNED = 8 * 1024 * 1024;
const CARRY = 64;

const PATTERNS: [AppendedChange, RegExp][] = [
  ['signature_fields', /\/Type\s*\/Sig\b|\/FT\s*\/Sig\b/],
  ['annotations', /\/Type\s*\/Annot\b|\/Annots\b|\/Subtype\s*\/(?:Text|FreeText|Highlight|Ink|Stamp|Square|Circle|Line|Underline|StrikeOut|Polygon|PolyLine|Caret|FileAttachment)\b/],
  ['pages', /\/Type\s*\/Pages?\b/],
  ['form_fields', /\/FT\s*\/(?:Tx|Btn|Ch)\b|\/AcroForm\b/],
  ['content', /\bstream\r?\n/],
];

/**
 * What an incremental update appended after the last signature does, roughly: read as a
 * stream (it may be large), matched against the dictionary keys that reveal a kind of change.
 */
export async function describeAppendedChanges(body: ReadableStream<Uint8Array>): Promise<AppendedChange[]> {
  const found = new Set<AppendedChange>();
  const decoder = new TextDecoder('latin1');
  let carry = '';
  let seen = 0;
  const reader = body.getReader();
  try {
    while (seen < MAX_SCANNED) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.length;
      const text = carry + decoder.decode(value);
      for (const [kind, pattern] of PATTERNS) if (pattern.test(text)) found.add(kind);
      carry = text.slice(-CARRY);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  // Signature fields imply the annotation (widget) and AcroForm keys: name only the signature.
  if (found.has('signature_fields')) {
    found.delete('form_fields');
    if (found.size > 1) found.delete('annotations');
  }
  if (!found.size) found.add('other');
  return [...found];
}
