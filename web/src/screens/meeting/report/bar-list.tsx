import { formatNumber } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';

export interface BarRow {
  key: string;
  name: string;
  value: number;
  /** The value's unit, said beside it ("lượt mở"): no bare number. */
  unit: string;
  /** Shown after the value: e.g. "12 thiết bị". */
  detail?: string;
}

/** Horizontal bars with the numbers beside them, largest first. */
export function BarList({ rows, label, empty }: { rows: BarRow[]; label: string; empty: string }) {
  const { lang } = useI18n();
  if (rows.length === 0) return <p class="muted">{empty}</p>;
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ol class="bars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key}>
          <span class="bar-name" title={r.name}>{r.name}</span>
          <span class="bar-track" aria-hidden="true"><span class="bar-fill" style={{ width: `${(r.value / max) * 100}%` }} /></span>
          <span class="bar-value"><strong>{formatNumber(r.value, lang)} {r.unit}</strong>{r.detail && <span class="muted"> · {r.detail}</span>}</span>
        </li>
      ))}
    </ol>
  );
}
