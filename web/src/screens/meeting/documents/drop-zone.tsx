import { useRef } from 'preact/hooks';
import { useFileDrop } from '../../../components/use-file-drop';
import { formatBytes } from '../../../format/display';
import { useI18n } from '../../../i18n/i18n';

export const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv';

/** Drop files here, or pick many at once. */
export function DropZone({ maxBytes, onFiles }: { maxBytes: number; onFiles(files: File[]): void }) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const { over, handlers } = useFileDrop(onFiles);
  return (
    <div class={`drop-zone ${over ? 'is-over' : ''}`} {...handlers}>
      <p class="drop-title">{t('upload.drop')}</p>
      <button type="button" class="btn btn-primary" onClick={() => input.current?.click()}>{t('upload.pick')}</button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        class="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="upload-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <p class="muted drop-hint">{t('upload.hint', { max: formatBytes(maxBytes, lang) })}</p>
    </div>
  );
}
