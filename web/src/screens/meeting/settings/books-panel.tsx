import { useEffect, useState } from 'preact/hooks';
import { get } from '../../../api/client';
import type { MeetingBooks } from '../../../api/types';
import { formatBytes, formatDateTime, formatNumber } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';
import { useMeetingState } from '../meeting-context';

/** The compiled meeting books (one file per session and for the whole meeting), with what each left out. */
export function BooksPanel() {
  const { t, lang } = useI18n();
  const { detail } = useMeetingState();
  const { meeting } = detail;
  const [books, setBooks] = useState<MeetingBooks | null>(null);
  useEffect(() => {
    void get<MeetingBooks>(`/api/meetings/${meeting.id}/books`).then(setBooks, () => setBooks(null));
  }, [meeting.id, meeting.updatedAt, detail.documents.length]);

  return (
    <div class="card" data-testid="books">
      <h3>{t('book.heading')}</h3>
      <p class="muted">{t('book.explain')}</p>
      {books?.building && <p class="notice">{t('book.building')}</p>}
      {books && books.books.length === 0 && !books.building && <p class="muted">{meeting.status === 'published' ? t('book.none') : t('book.afterPublish')}</p>}
      {books && books.books.length > 0 && (
        <ul class="plain-list">
          {books.books.map((b) => (
            <li key={b.sessionId ?? 'meeting'}>
              <a href={b.href} download>{b.sessionTitle ?? t('book.wholeMeeting')}</a>
              {' — '}{t('book.meta', { pages: formatNumber(b.pages, lang), size: formatBytes(b.bytes, lang) })}
              <span class="muted"> · {formatDateTime(b.builtAt, meeting.timezone, lang)}</span>
              {b.capped && <div class="muted">{t('book.capped')}</div>}
              {b.leftOut.length > 0 && <div class="muted">{t('book.leftOut', { titles: b.leftOut.map((d) => `${d.title} (${t(`book.reason.${d.reason}`)})`).join('; ') })}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
