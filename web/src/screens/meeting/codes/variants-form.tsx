import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api/client';
import type { CreateCodesResponse } from '../../../api/types';
import { useNotify } from '../../../components/notices';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

const MAX = 200;

/** "Bàn 1" … "Bàn 20" from a prefix and a range, or any list of labels, created in one request. */
export function labelsFromRange(prefix: string, from: number, to: number): string[] {
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) return [];
  const stem = prefix.trim();
  return Array.from({ length: Math.min(MAX, to - from + 1) }, (_, i) => (stem ? `${stem} ${from + i}` : String(from + i)));
}

/** The first number after those already used with this prefix ("Bàn 1" … "Bàn 5" → 6); 1 when none. */
export function nextNumber(prefix: string, existing: readonly string[]): number {
  const stem = prefix.trim().toLocaleLowerCase('vi');
  let last = 0;
  for (const label of existing) {
    const match = /^(.*?)\s*(\d+)$/.exec(label.trim());
    if (match && match[1]!.toLocaleLowerCase('vi') === stem) last = Math.max(last, Number(match[2]));
  }
  return last + 1;
}

export function VariantsForm({ scopePath, existing }: { scopePath: string; existing: readonly string[] }) {
  const { t } = useI18n();
  const { change } = useMeetingState();
  const notify = useNotify();
  const [mode, setMode] = useState<'range' | 'list'>('range');
  const [prefix, setPrefix] = useState(t('variants.defaultPrefix'));
  // The range starts after the tables that already have a code, so "Tạo 20 mã" twice makes Bàn 1–20
  // then Bàn 21–40, and a scope with Bàn 1–5 proposes Bàn 6 onwards.
  const next = nextNumber(prefix, existing);
  const [from, setFrom] = useState(next);
  const [to, setTo] = useState(next + 19);
  useEffect(() => {
    if (from >= next) return;
    setTo(next + Math.max(0, to - from));
    setFrom(next);
  }, [next]);
  const [list, setList] = useState('');
  const [busy, setBusy] = useState(false);
  const labels = mode === 'range'
    ? labelsFromRange(prefix, from, to)
    : [...new Set(list.split('\n').map((l) => l.trim()).filter(Boolean))].slice(0, MAX);
  const preview = labels.length > 4 ? `${labels.slice(0, 3).join(', ')}, …, ${labels[labels.length - 1]}` : labels.join(', ');

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!labels.length) return;
    setBusy(true);
    let answer: CreateCodesResponse = { codes: [], skipped: [] };
    const ok = await change(async () => {
      answer = await api('POST', `${scopePath}/codes`, { labels });
    });
    // Labels that already exist are kept, not duplicated: say so rather than "created 5".
    if (ok) {
      const skipped = answer.skipped ?? [];
      notify('success', [answer.codes.length ? t('variants.createdSome', { n: answer.codes.length }) : '', skipped.length ? t('variants.skipped', { n: skipped.length, labels: skipped.join(', ') }) : ''].filter(Boolean).join(' '));
    }
    setBusy(false);
    if (ok) setList('');
  };

  return (
    <form class="variants-form" onSubmit={submit}>
      <div class="segmented" role="radiogroup" aria-label={t('variants.mode')}>
        <label class={mode === 'range' ? 'on' : ''}><input type="radio" name="mode" checked={mode === 'range'} onChange={() => setMode('range')} />{t('variants.range')}</label>
        <label class={mode === 'list' ? 'on' : ''}><input type="radio" name="mode" checked={mode === 'list'} onChange={() => setMode('list')} />{t('variants.list')}</label>
      </div>
      {mode === 'range' ? (
        <div class="inline-fields">
          <label class="field"><span>{t('variants.prefix')}</span><input name="prefix" maxLength={90} value={prefix} onInput={(e) => setPrefix(e.currentTarget.value)} /></label>
          <label class="field narrow"><span>{t('variants.from')}</span><input name="from" type="number" min={0} max={9999} value={from} onInput={(e) => setFrom(e.currentTarget.valueAsNumber)} /></label>
          <label class="field narrow"><span>{t('variants.to')}</span><input name="to" type="number" min={0} max={9999} value={to} onInput={(e) => setTo(e.currentTarget.valueAsNumber)} /></label>
        </div>
      ) : (
        <label class="field">
          <span>{t('variants.listLabel')}</span>
          <textarea name="labels" rows={4} value={list} onInput={(e) => setList(e.currentTarget.value)} placeholder={t('variants.listPlaceholder')} />
        </label>
      )}
      <p class="muted variants-preview" aria-live="polite">{labels.length ? t('variants.preview', { n: labels.length, labels: preview }) : t('variants.nothing')}</p>
      <button type="submit" class="btn btn-primary" disabled={busy || labels.length === 0}>{t('variants.create', { n: labels.length })}</button>
    </form>
  );
}
