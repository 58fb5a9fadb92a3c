import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from '../../../api/client';
import type { AddressKind } from '../../../../../shared/address-kind';

export interface BaseUrlInfo {
  url: string;
  source: 'env' | 'stored' | 'guessed' | 'request';
  kind: AddressKind;
  secure: boolean;
  editable: boolean;
  candidates: { url: string; adapter: string; virtual: boolean }[];
}

export interface StaleInfo {
  sheets: number;
  codes: number;
  printedWith: string[];
}

/** The address the codes carry, and what printed sheets of this meeting a change of it broke. */
export function useBaseUrl(meetingId: string) {
  const [info, setInfo] = useState<BaseUrlInfo | null>(null);
  const [stale, setStale] = useState<StaleInfo | null>(null);
  const reload = useCallback(async () => {
    const [base, printed] = await Promise.all([
      get<BaseUrlInfo>('/api/base-url'),
      get<{ stale: StaleInfo }>(`/api/meetings/${encodeURIComponent(meetingId)}/printed-sheets`),
    ]);
    setInfo(base);
    setStale(printed.stale);
  }, [meetingId]);
  useEffect(() => {
    void reload().catch(() => undefined);
  }, [reload]);
  return { info, stale, reload };
}
