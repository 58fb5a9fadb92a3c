import { useMe } from '../../../auth/me-context';
import { formatBytes } from '../../../format/display';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';
import type { UploadItem } from './use-uploads';

interface Props {
  items: UploadItem[];
  onCancel(id: number): void;
  onClear(): void;
}

/** One line per file: name, progress bar, speed and cancel; or why it was refused. */
export function UploadQueue({ items, onCancel, onClear }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { limits } = useMe();
  if (items.length === 0) return null;
  const finished = items.some((i) => i.status !== 'waiting' && i.status !== 'uploading');
  return (
    <section class="upload-queue" aria-label={t('upload.queue')}>
      <ul>
        {items.map((item) => {
          const percent = item.file.size ? Math.min(100, Math.round((item.loaded / item.file.size) * 100)) : 100;
          return (
            <li key={item.id} class={`upload upload-${item.status}`} aria-label={item.file.name}>
              <div class="upload-line">
                <span class="upload-name" title={item.file.name}>{item.file.name}</span>
                <span class="muted nowrap">{formatBytes(item.file.size, lang)}</span>
                {(item.status === 'waiting' || item.status === 'uploading') && (
                  <button type="button" class="btn btn-small" onClick={() => onCancel(item.id)} aria-label={t('upload.cancelFile', { name: item.file.name })}>
                    {t('action.cancel')}
                  </button>
                )}
              </div>
              {item.status === 'uploading' && (
                <div class="upload-progress">
                  <progress max={100} value={percent} aria-label={t('upload.progressOf', { name: item.file.name })} />
                  <span class="nowrap">{percent}% · {formatBytes(item.speed, lang)}/s</span>
                </div>
              )}
              {item.status === 'uploading' && item.resumed && !item.retrying && <p class="muted upload-state">{t('upload.resumed', item.resumed)}</p>}
              {item.status === 'uploading' && item.retrying && <p class="upload-state upload-retrying" role="status">{t('upload.retrying', item.retrying)}</p>}
              {item.status === 'waiting' && <p class="muted upload-state">{t('upload.waiting')}</p>}
              {item.status === 'done' && <p class="upload-state upload-ok">✓ {t('upload.done')}</p>}
              {item.status === 'cancelled' && <p class="muted upload-state">{t('upload.cancelled')}</p>}
              {item.status === 'failed' && <p class="upload-state upload-error" role="alert">✗ {errorText(item.error, i18n, limits)}</p>}
            </li>
          );
        })}
      </ul>
      {finished && <button type="button" class="btn-link" onClick={onClear}>{t('upload.clear')}</button>}
    </section>
  );
}
