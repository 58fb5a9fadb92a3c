import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

import type { TrustAnchors } from '../ports/signature-ports';

export type { TrustAnchors } from '../ports/signature-ports';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text.replace(/[^A-Za-z0-9+/=]/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Certificates in a PEM text (any number of blocks) or one DER file. */
export function certificatesIn(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4 * 1024 * 1024)));
  if (text.includes('-----BEGIN CERTIFICATE-----')) return [...text.matchAll(PEM_BLOCK)].map((m) => base64Bytes(m[1] ?? ''));
  return [bytes];
}

/** Parses the anchors; sources are named (file names) for the rejected list. */
export async function loadTrustAnchors(sources: { name: string; bytes: Uint8Array }[]): Promise<TrustAnchors> {
  const certificates: pkijs.Certificate[] = [];
  const prints: string[] = [];
  const rejected: string[] = [];
  for (const source of sources) {
    const ders = certificatesIn(source.bytes);
    if (!ders.length) rejected.push(source.name);
    for (const der of ders) {
      try {
        const asn1 = asn1js.fromBER(der, { maxDepth: 48 });
        if (asn1.offset === -1) throw new Error('DER');
        certificates.push(new pkijs.Certificate({ schema: asn1.result }));
        prints.push(hex(await crypto.subtle.digest('SHA-256', der.slice())));
      } catch {
        rejected.push(source.name);
      }
    }
  }
  prints.sort();
  const fingerprint = prints.length ? hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(prints.join(',')))).slice(0, 16) : 'none';
  return { certificates, fingerprint, rejected };
}

export const NO_TRUST_ANCHORS: TrustAnchors = { certificates: [], fingerprint: 'none', rejected: [] };

/**
 * Whether the signer's certificate chains to a configured anchor at the signing time, with
 * pkijs's RFC 5280 path validation (signatures, validity, CA constraints). The CMS's own
 * certificates may serve as intermediates but never as anchors: whatever a signer embeds
 * proves nothing about who they are.
 */
export async function chainsToAnchor(signer: pkijs.Certificate, carried: pkijs.Certificate[], anchors: TrustAnchors, at: Date): Promise<boolean> {
  if (!anchors.certificates.length) return false;
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: anchors.certificates,
    certs: [...carried.filter((c) => c !== signer), signer],
    checkDate: at,
  });
  try {
    const result = await engine.verify();
    return result.result === true;
  } catch {
    return false;
  }
}
