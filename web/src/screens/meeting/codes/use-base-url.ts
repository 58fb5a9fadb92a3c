import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from '../../../api/client';
import type { BaseUrlView, PrintedSheetsResponse, StaleSheetsView } from '../../../api/types';

export type BaseUrlInfo = BaseUrlView;
export type StaleInfo = StaleSheetsView;

/** The address the codes carry, and what printed sheets of this meeting a change of it broke. */
export function useBaseUrl(meetingId: string) {
  const [info, setInfo] = useState<BaseUrlInfo | null>(null);
  const [stale, setStale] = useState<StaleInfo | null>(null);
  const reload = useCallback(async () => {
    const [base, printed] = await Promise.all([
      get<BaseUrlView>('/api/base-url'),
      get<PrintedSheetsResponse>(`/api/meetings/${encodeURIComponent(meetingId)}/printed-sheets`),
    ]);
    setInfo(base);
    setStale(printed.stale);
  }, [meetingId]);
  useEffect(() => {
    void reload().catch(() => undefined);
  }, [reload]);
  return { info, stale, reload };
}
