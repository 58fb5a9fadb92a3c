import type { Stats } from '../../../api/types';
import { formatDateOnly, formatNumber, formatTime } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';
import { useWidth } from './use-width';

const H = 230;
const PAD = { left: 40, right: 12, top: 12, bottom: 34 };

/** Fills the empty buckets between the first and the last event, so quiet minutes show as gaps. */
export function fillBuckets(timeline: Stats['timeline']) {
  const { bucketMs, points } = timeline;
  if (points.length === 0) return [];
  const byAt = new Map(points.map((p) => [Date.parse(p.at), p]));
  const first = Date.parse(points[0]!.at);
  const last = Date.parse(points[points.length - 1]!.at);
  const out: { at: number; views: number; opens: number }[] = [];
  for (let at = first; at <= last && out.length < 500; at += bucketMs) {
    const p = byAt.get(at);
    out.push({ at, views: p?.views ?? 0, opens: p?.opens ?? 0 });
  }
  return out;
}

function niceMax(n: number): number {
  if (n <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

/** Page views and document opens per time bucket, as paired bars (inline SVG, no chart library). */
export function TimelineChart({ timeline, timeZone }: { timeline: Stats['timeline']; timeZone: string }) {
  const { t, lang } = useI18n();
  const { ref, width: W } = useWidth<HTMLElement>(760);
  const points = fillBuckets(timeline);
  if (points.length === 0) return <figure class="chart" ref={ref}><p class="empty chart-empty">{t('report.noEvents')}</p></figure>;
  const max = niceMax(Math.max(...points.map((p) => Math.max(p.views, p.opens))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / points.length;
  const bar = Math.max(1, Math.min(18, slot / 2 - 1));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const spansDays = points[points.length - 1]!.at - points[0]!.at >= 86_400_000 || timeline.bucketMs >= 86_400_000;
  const label = (at: number) => {
    const iso = new Date(at).toISOString();
    return spansDays ? formatDateOnly(iso, timeZone, lang).slice(0, 5) + (timeline.bucketMs < 86_400_000 ? ` ${formatTime(iso, timeZone, lang)}` : '') : formatTime(iso, timeZone, lang);
  };
  // As many time labels as fit without overlapping (about 70 px each).
  const every = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(plotW / (spansDays ? 90 : 64)))));
  const ticks = [0, max / 2, max];
  return (
    <figure class="chart" ref={ref}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('report.timelineAria', { n: points.length })}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="grid-line" />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" class="axis">{formatNumber(v, lang)}</text>
          </g>
        ))}
        {points.map((p, i) => {
          const x = PAD.left + i * slot + slot / 2;
          return (
            <g key={p.at}>
              <rect x={x - bar} y={y(p.views)} width={bar} height={PAD.top + plotH - y(p.views)} class="bar-views">
                <title>{`${label(p.at)} — ${t('report.views')}: ${p.views}`}</title>
              </rect>
              <rect x={x} y={y(p.opens)} width={bar} height={PAD.top + plotH - y(p.opens)} class="bar-opens">
                <title>{`${label(p.at)} — ${t('report.opens')}: ${p.opens}`}</title>
              </rect>
              {i % every === 0 && <text x={x} y={H - 12} text-anchor="middle" class="axis">{label(p.at)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        <span><i class="swatch swatch-views" />{t('report.views')}</span>
        <span><i class="swatch swatch-opens" />{t('report.opens')}</span>
        <span class="muted">{t('report.bucket', { minutes: Math.round(timeline.bucketMs / 60_000) })}</span>
      </figcaption>
    </figure>
  );
}
