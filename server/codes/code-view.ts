import type { CodeView } from '../../shared/api-contract';
import type { codes } from '../db/schema';

export type { CodeView } from '../../shared/api-contract';

export type CodeRow = typeof codes.$inferSelect;

/** A code as the API shows it: always with its token and the absolute URL the QR encodes. */
export function toCodeView(code: CodeRow, baseUrl: string): CodeView {
  return {
    id: code.id,
    scope: code.sessionId ? ('session' as const) : ('meeting' as const),
    meetingId: code.meetingId,
    sessionId: code.sessionId,
    label: code.label,
    token: code.token,
    url: codeUrl(baseUrl, code.token),
    status: code.status,
    createdAt: code.createdAt.toISOString(),
    opensAt: code.opensAt?.toISOString() ?? null,
    closesAt: code.closesAt?.toISOString() ?? null,
  };
}

export const codeUrl = (baseUrl: string, token: string) => `${baseUrl}/s/${token}`;
