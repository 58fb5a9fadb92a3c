import type { ApiFailure } from '../../../api/client';
import type { ConsoleLang } from '../../../../../shared/i18n/console';
import { signatureConsoleWords, signatureStatusWords } from '../../../../../shared/i18n/signature-words';
import { formatDateTime } from '../../../format/display';

interface Side {
  status: keyof (typeof signatureStatusWords)['vi'];
  signer?: string;
  organization?: string;
  signingTime?: string;
}

/** The difference a 409 `signature_change` carries, when the failure is one. */
export function signatureChangeOf(failure: unknown): { before: Side; after: Side } | null {
  const f = failure as ApiFailure | undefined;
  if (f?.code !== 'signature_change') return null;
  return (f.body as { error?: { signatureChange?: { before: Side; after: Side } } } | null)?.error?.signatureChange ?? null;
}

function describe(side: Side, lang: ConsoleLang, timezone: string): string {
  const word = signatureStatusWords[lang][side.status] ?? side.status;
  if (!side.organization) return word;
  const by = signatureConsoleWords[lang].by
    .replace('{organization}', side.organization)
    .replace('{signer}', side.signer ?? '')
    .replace('{time}', side.signingTime ? formatDateTime(side.signingTime, timezone, lang) : '?');
  return `${word}: ${by}`;
}

/** The confirmation's body: what the delegates see now and what they would see. */
export function SignatureChangeBody({ change, lang, timezone }: { change: { before: Side; after: Side }; lang: ConsoleLang; timezone: string }) {
  const w = signatureConsoleWords[lang];
  return (
    <div>
      <p>{w.changeIntro}</p>
      <dl class="sig-change">
        <dt>{w.before}</dt>
        <dd>{describe(change.before, lang, timezone)}</dd>
        <dt>{w.after}</dt>
        <dd>{describe(change.after, lang, timezone)}</dd>
      </dl>
    </div>
  );
}
