import { useState } from 'preact/hooks';
import type { Code } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';
import { BaseUrlPanel } from './base-url-panel';
import { CodeCard } from './code-card';
import { TestScanPanel } from './test-scan-panel';
import { useBaseUrl } from './use-base-url';
import { PrintPanel } from './print-panel';
import { VariantList } from './variant-list';
import { VariantsForm } from './variants-form';

/** Codes and printing: the meeting's own code and each session's, with their labelled variants. */
export function CodesTab() {
  const { t } = useI18n();
  const { detail } = useMeetingState();
  const [scope, setScope] = useState<string>('meeting');
  const current = detail.sessions.find((s) => s.id === scope) ?? null;
  const codes: Code[] = current ? current.codes : detail.codes;
  const main = codes.find((c) => c.label === null);
  const variants = codes.filter((c) => c.label !== null);
  const scopeName = current ? current.title : t('code.meetingScope');
  const scopePath = current ? `/api/sessions/${current.id}` : `/api/meetings/${detail.meeting.id}`;
  const notPublished = detail.meeting.status !== 'published';
  const address = useBaseUrl(detail.meeting.id);

  return (
    <section aria-labelledby="codes-title">
      <div class="section-head">
        <h2 id="codes-title">{t('codes.heading')}</h2>
      </div>
      {notPublished && <p class="notice notice-info">{t('codes.notPublished')}</p>}
      {address.info && <BaseUrlPanel info={address.info} stale={address.stale} onChanged={address.reload} />}
      <TestScanPanel />
      <PrintPanel detail={detail} currentSessionId={current?.id ?? null} onPrinted={() => void address.reload()} />
      <div class="codes-layout">
        <nav class="scope-list" aria-label={t('codes.scopes')}>
          <button type="button" class="scope" aria-pressed={scope === 'meeting'} onClick={() => setScope('meeting')}>
            <span class="scope-name">{t('code.meetingScope')}</span>
            <span class="muted">{t('codes.wholeAgenda')}</span>
          </button>
          {detail.sessions.map((s, i) => (
            <button key={s.id} type="button" class="scope" aria-pressed={scope === s.id} onClick={() => setScope(s.id)}>
              <span class="scope-name">{i + 1}. {s.title}</span>
              <span class="muted">{t('codes.variantCount', { n: s.codes.filter((c) => c.label !== null).length })}</span>
            </button>
          ))}
        </nav>
        <div class="code-panel" aria-label={t('codes.panelOf', { name: scopeName })} role="region">
          <h3>{scopeName}</h3>
          {main ? <CodeCard code={main} scopeName={scopeName} /> : <p class="notice notice-info">{t('code.noMain')}</p>}
          <h4>{t('variants.heading')}</h4>
          <p class="muted">{t('variants.explain')}</p>
          <VariantsForm key={scope} scopePath={scopePath} existing={variants.map((c) => c.label!)} />
          <VariantList codes={variants} />
        </div>
      </div>
    </section>
  );
}
