import type * as pkijs from 'pkijs';

const CN = '2.5.4.3';
const O = '2.5.4.10';
const OU = '2.5.4.11';
/** Names shown to people are cut here: a certificate can carry a 10,000-character subject. */
export const MAX_NAME_LENGTH = 200;

/**
 * A directory string as people read it: UTF8String, BMPString, PrintableString… decoded by
 * asn1js; control characters dropped (never let a certificate write into a page's layout),
 * whitespace collapsed, NFC (the PDF and the console compare and show NFC), cut to 200.
 */
export function cleanName(value: string): string {
  const text = value
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
  return text.length > MAX_NAME_LENGTH ? `${text.slice(0, MAX_NAME_LENGTH - 1)}…` : text;
}

function valueOf(value: unknown): string | undefined {
  const block = (value as { valueBlock?: { value?: unknown } })?.valueBlock;
  return typeof block?.value === 'string' ? block.value : undefined;
}

/** Values of one attribute type, in certificate order. */
export function namePart(name: pkijs.RelativeDistinguishedNames, type: string): string[] {
  const out: string[] = [];
  for (const tv of name.typesAndValues) {
    if (tv.type !== type) continue;
    const value = valueOf(tv.value);
    if (value !== undefined && value.trim()) out.push(cleanName(value));
  }
  return out;
}

export interface PartyNames {
  name: string;
  organization: string;
  unit?: string;
}

export function subjectNames(name: pkijs.RelativeDistinguishedNames): PartyNames {
  const cn = namePart(name, CN)[0];
  const o = namePart(name, O)[0];
  const ou = namePart(name, OU)[0];
  const label = cn ?? o ?? ou ?? '?';
  return { name: label, organization: o ?? ou ?? label, ...(ou ? { unit: ou } : {}) };
}

/** The authority's name: CN, else O. */
export function issuerName(name: pkijs.RelativeDistinguishedNames): string {
  return namePart(name, CN)[0] ?? namePart(name, O)[0] ?? '?';
}
