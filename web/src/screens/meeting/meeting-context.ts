import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { get } from '../../api/client';
import type { MeetingDetail } from '../../api/types';
import { useNotify } from '../../components/notices';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { useMe } from '../../auth/me-context';

export interface MeetingState {
  detail: MeetingDetail;
  reload(): Promise<void>;
  /**
   * Runs a change, then reloads the meeting. A refusal is shown as a notice (in the
   * console's words) and reported as false, so forms can stay open for a retry.
   */
  change(action: () => Promise<unknown>, success?: string): Promise<boolean>;
}

export const MeetingContext = createContext<MeetingState | null>(null);

export const useMeetingState = () => useContext(MeetingContext)!;

export function useMeetingLoader(meetingId: string) {
  const i18n = useI18n();
  const notify = useNotify();
  const { limits } = useMe();
  const [detail, setDetail] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setDetail(await get<MeetingDetail>(`/api/meetings/${encodeURIComponent(meetingId)}`));
      setError(null);
    } catch (e) {
      setError(errorText(e, i18n));
    }
  }, [meetingId, i18n]);
  useEffect(() => {
    void reload();
  }, [meetingId]);
  const change = useCallback(async (action: () => Promise<unknown>, success?: string) => {
    try {
      await action();
      if (success) notify('success', success);
      return true;
    } catch (e) {
      notify('error', errorText(e, i18n, limits));
      return false;
    } finally {
      await reload();
    }
  }, [reload, i18n]);
  return { detail, error, reload, change };
}
