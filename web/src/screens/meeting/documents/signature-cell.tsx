import type { DocumentItem } from '../../../api/types';
import { formatDateTime } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';
import { signatureConsoleWords, signatureReasonText, signatureStatusWords } from '../../../../../shared/i18n/signature-words';

const TONE: Record<string, string> = { trusted: 'badge-signed', untrusted: 'badge-soft', modified: 'badge-secret', invalid: 'badge-secret', unverifiable: 'badge-soft', pending: 'badge-soft' };

/** The document list's signature column: status, and who signed when (details in the title). */
export function SignatureCell({ doc, timezone }: { doc: DocumentItem; timezone: string }) {
  const { lang } = useI18n();
  const s = doc.signature;
  if (!s || s.status === 'unsigned') return <span class="muted">{signatureConsoleWords[lang].none}</span>;
  const word = s.status === 'pending' ? signatureConsoleWords[lang].pending : signatureStatusWords[lang][s.status as keyof (typeof signatureStatusWords)['vi']];
  const badge = 'organization' in s ? s : undefined;
  const reason = badge?.reason && s.status !== 'trusted' ? signatureReasonText(lang, badge.reason, badge.reasonDetail) : '';
  return (
    <span class="sig-cell">
      <span class={`badge ${TONE[s.status] ?? 'badge-soft'}`} title={reason || undefined}>{word}</span>
      {badge?.organization && (
        <span class="muted doc-file">
          {badge.organization}{badge.time ? ` · ${formatDateTime(badge.time, timezone, lang)}` : ''}
        </span>
      )}
    </span>
  );
}
