import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from '../../../api/client';
import type { Report, Stats } from '../../../api/types';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';

export const STATS_REFRESH_MS = 15_000;

/** The meeting's figures (the stats and the report), refreshed every 15 s while the page is visible and `live` is on. */
export function useStats(meetingId: string, live: boolean) {
  const i18n = useI18n();
  const [stats, setStats] = useState<Stats | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    setBusy(true);
    try {
      const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
      const [nextStats, nextReport] = await Promise.all([get<Stats>(`${base}/stats`), get<Report>(`${base}/report`)]);
      setStats(nextStats);
      setReport(nextReport);
      setAt(new Date());
      setError(null);
    } catch (e) {
      setError(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  }, [meetingId, i18n]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, STATS_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [live, refresh]);

  return { stats, report, error, at, busy, refresh };
}
